#pragma once

#include "CdrRowWriter.h"
#include "CdrSelection.h"

#include <QIODevice>

namespace confero::sandbox {

// The body of a CDR answer, {"result":"0","cdr":[...]}, written a few sessions at a time as the
// socket asks for more: a year's window never sits in memory as one array or one buffer.
class CdrStreamDevice final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrStreamDevice)

public:
    CdrStreamDevice(CdrSelection selection, CdrRowWriter writer, QObject *parent = nullptr);

    bool isSequential() const override;

    // The whole body at once (tests, small answers).
    QByteArray readAllText();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    void fill(qint64 wanted);

    CdrSelection m_selection;
    CdrRowWriter m_writer;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    std::size_t m_nextPick = 0;
    bool m_started = false;
    bool m_firstRow = true;
    bool m_finished = false;
};

} // namespace confero::sandbox
