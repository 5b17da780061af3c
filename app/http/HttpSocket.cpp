#include "HttpSocket.h"

namespace confero::http {

HttpSocket::HttpSocket(QObject *parent)
    : QSslSocket(parent)
{
}

HttpSocket::~HttpSocket() = default;

void HttpSocket::holdWrites()
{
    m_holding = true;
}

void HttpSocket::releaseHeldWrites()
{
    m_holding = false;
    if (!m_held.isEmpty()) {
        const QByteArray held = std::exchange(m_held, {});
        QSslSocket::writeData(held.constData(), held.size());
    }
}

void HttpSocket::discardHeldWrites()
{
    m_holding = false;
    m_held.clear();
}

bool HttpSocket::isHoldingWrites() const
{
    return m_holding;
}

void HttpSocket::close()
{
    if (m_holding)
        releaseHeldWrites();
    QSslSocket::close();
}

qint64 HttpSocket::writeData(const char *data, qint64 length)
{
    if (m_holding) {
        m_held.append(data, qsizetype(length));
        return length;
    }
    return QSslSocket::writeData(data, length);
}

} // namespace confero::http
