#include "CdrStreamDevice.h"

#include <cstring>

namespace confero::sandbox {

CdrStreamDevice::CdrStreamDevice(CdrSelection selection, CdrRowWriter writer, QObject *parent)
    : QIODevice(parent)
    , m_selection(std::move(selection))
    , m_writer(std::move(writer))
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

bool CdrStreamDevice::isSequential() const
{
    return true;
}

void CdrStreamDevice::fill(qint64 wanted)
{
    if (m_offset > 0) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    if (!m_started) {
        // video-api.md 10.1 item 2: CDR answers carry result as the string "0".
        m_buffer.append("{\"result\":\"0\",\"cdr\":[");
        m_started = true;
    }
    while (m_buffer.size() < wanted && m_nextPick < m_selection.picks.size()) {
        const CdrSelection::Pick pick = m_selection.picks[m_nextPick++];
        const CdrLog &log = *m_selection.logs[pick.log];
        const CdrSession &session = log.sessions()[pick.session];
        for (quint32 i = session.firstRow; i < session.firstRow + session.rowCount; ++i) {
            if (!m_firstRow)
                m_buffer.append(',');
            m_firstRow = false;
            m_writer.write(m_buffer, log, session, log.rows()[i]);
        }
    }
    if (m_buffer.size() < wanted && m_nextPick >= m_selection.picks.size() && !m_finished) {
        m_buffer.append("]}");
        m_finished = true;
    }
}

qint64 CdrStreamDevice::readData(char *data, qint64 maxSize)
{
    if (m_buffer.size() - m_offset < maxSize && !m_finished)
        fill(maxSize);
    const qint64 count = qMin<qint64>(maxSize, m_buffer.size() - m_offset);
    if (count <= 0)
        return m_finished ? -1 : 0;
    std::memcpy(data, m_buffer.constData() + m_offset, std::size_t(count));
    m_offset += qsizetype(count);
    return count;
}

qint64 CdrStreamDevice::writeData(const char *, qint64)
{
    return -1;
}

QByteArray CdrStreamDevice::readAllText()
{
    QByteArray all;
    for (;;) {
        const QByteArray chunk = read(64 * 1024);
        if (chunk.isEmpty())
            return all;
        all += chunk;
    }
}

} // namespace confero::sandbox
