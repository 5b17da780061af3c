#pragma once

#include <QByteArray>

namespace confero::sandbox {

class CdrLog;
class CdrRow;
class CdrSession;

// Writes CDR rows as the platform's JSON text (video-api.md 5.1), appending to a buffer: fast enough
// to stream a simulated year, and byte-for-byte the same for the same row.
class CdrRowWriter
{
public:
    explicit CdrRowWriter(QByteArray appId);

    void write(QByteArray &out, const CdrLog &log, const CdrSession &session, const CdrRow &row) const;

    // "2025-01-10T09:31:05.120Z"
    static void appendTimestamp(QByteArray &out, qint64 msSinceEpoch);
    // A JSON string literal, quotes included.
    static void appendString(QByteArray &out, const QByteArray &utf8);

private:
    QByteArray m_appId;
};

} // namespace confero::sandbox
