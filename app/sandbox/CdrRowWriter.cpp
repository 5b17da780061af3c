#include "CdrRowWriter.h"

#include "CdrLog.h"

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

constexpr const char *roleNames[] = {"moderator", "participant", "viewer", "audience"};

// The signalling servers a session's users connect through; picked per conference.
constexpr quint32 sigserverIps[] = {0xC6336402u, 0xC6336403u, 0xC633640Au, 0xCB00710Cu}; // 198.51.100.x, 203.0.113.12

void appendDigits(QByteArray &out, qint64 value, int width)
{
    char digits[20];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value > 0 || n < width);
    while (n > 0)
        out.append(digits[--n]);
}

void appendIp(QByteArray &out, quint32 ip)
{
    out.append('"');
    for (int shift = 24; shift >= 0; shift -= 8) {
        appendDigits(out, (ip >> shift) & 0xff, 1);
        if (shift > 0)
            out.append('.');
    }
    out.append('"');
}

// Fixed-point with `decimals` places, from thousandths; exact and locale-free.
void appendFixed(QByteArray &out, qint64 thousandths, int decimals)
{
    if (decimals == 0) {
        appendDigits(out, (thousandths + 500) / 1000, 1);
        return;
    }
    qint64 scale = 1;
    for (int i = decimals; i < 3; ++i)
        scale *= 10;
    const qint64 rounded = (thousandths + scale / 2) / scale; // in units of 10^-decimals
    qint64 unit = 1;
    for (int i = 0; i < decimals; ++i)
        unit *= 10;
    appendDigits(out, rounded / unit, 1);
    out.append('.');
    appendDigits(out, rounded % unit, decimals);
}

void appendHex(QByteArray &out, quint32 value)
{
    static const char hex[] = "0123456789abcdef";
    for (int shift = 28; shift >= 0; shift -= 4)
        out.append(hex[(value >> shift) & 0xf]);
}

// A 24-hex ObjectId-shaped id (video-api.md 10.3): seconds, the log's salt, the row's serial.
void appendObjectId(QByteArray &out, qint64 ms, quint32 salt, quint32 serial)
{
    out.append('"');
    appendHex(out, quint32(ms / 1000));
    appendHex(out, salt);
    appendHex(out, serial);
    out.append('"');
}

void appendBool(QByteArray &out, bool value, bool classic)
{
    if (classic)
        out.append(value ? "\"true\"" : "\"false\"");
    else
        out.append(value ? "true" : "false");
}

void appendBitrate(QByteArray &out, int avgKbps, int spreadKbps, bool good, int goodPercent)
{
    out.append("{\"avg_bitrate\":");
    appendDigits(out, avgKbps, 1);
    out.append(",\"avg_bitrate_quality\":");
    out.append(good ? "\"Good\"" : "\"Bad\"");
    out.append(",\"max_bitrate\":");
    appendDigits(out, avgKbps + spreadKbps, 1);
    out.append(",\"min_bitrate\":");
    appendDigits(out, std::max(0, avgKbps - spreadKbps), 1);
    if (goodPercent >= 0) {
        out.append(",\"bitrate_good_percent\":");
        appendDigits(out, goodPercent, 1);
    }
    out.append('}');
}

} // namespace

CdrRowWriter::CdrRowWriter(QByteArray appId)
    : m_appId(std::move(appId))
{
}

void CdrRowWriter::appendTimestamp(QByteArray &out, qint64 ms)
{
    // Days to civil date (H. Hinnant's algorithm): QDateTime formatting is ten times slower and a
    // year of rows writes millions of timestamps.
    qint64 days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    qint64 msOfDay = ms - days * 86400000;
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    out.append('"');
    appendDigits(out, year, 4);
    out.append('-');
    appendDigits(out, month, 2);
    out.append('-');
    appendDigits(out, day, 2);
    out.append('T');
    appendDigits(out, msOfDay / 3600000, 2);
    out.append(':');
    appendDigits(out, msOfDay / 60000 % 60, 2);
    out.append(':');
    appendDigits(out, msOfDay / 1000 % 60, 2);
    out.append('.');
    appendDigits(out, msOfDay % 1000, 3);
    out.append("Z\"");
}

void CdrRowWriter::appendString(QByteArray &out, const QByteArray &utf8)
{
    out.append('"');
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(c);
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out.append("\\u00");
            out.append(hex[u >> 4]);
            out.append(hex[u & 0xf]);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

void CdrRowWriter::write(QByteArray &out, const CdrLog &log, const CdrSession &session, const CdrRow &row) const
{
    const bool classic = row.flags & CdrRow::Classic;
    const CdrRoom &room = log.room(row.room);
    const qint64 connect = row.connectMs;
    const qint64 disconnect = row.disconnectMs();
    // The signalling connection opens a little before the media one and closes just after it.
    const qint64 sigConnect = connect - 40 - (row.quality % 7) * 37;
    const qint64 sigDisconnect = disconnect + 20 + (row.quality % 5) * 11;
    const quint32 sigIp = sigserverIps[session.confNum % 4];

    // Usage in thousandths of a minute, from the connection's length: a connection of d ms is d/60
    // thousandths of a minute. Published minutes only for who published, screen minutes a share.
    const qint64 connectMilli = qint64(row.durationMs) / 60;
    const bool publishes = row.flags & (CdrRow::PublishedAudio | CdrRow::PublishedVideo);
    const qint64 publishedMilli = publishes ? connectMilli : 0;
    const qint64 screenMilli = (row.flags & CdrRow::PublishedScreen) ? connectMilli * (20 + row.quality % 60) / 100 : 0;
    // Alone in the room there is nothing to subscribe to; the writer does not know the overlap, so
    // a session of one row subscribes nothing and others subscribe their whole connection.
    const qint64 subscribedMilli = session.rowCount > 1 ? connectMilli : 0;

    out.append("{\"trans_date\":");
    appendTimestamp(out, disconnect + row.transDelayMs);
    out.append(",\"conf_num\":\"");
    appendDigits(out, session.confNum, 1);
    out.append('"');
    if (!classic)
        out.append(",\"sip\":false");
    out.append(",\"call_num\":\"");
    appendDigits(out, row.callNum, 1);
    out.append("\",\"call_log_id\":");
    appendObjectId(out, connect, log.salt() ^ 0x5a5a5a5au, row.serial);
    if (!classic)
        out.append(",\"parent_partner_id\":\"\"");

    out.append(",\"room\":{\"room_id\":");
    appendString(out, room.roomId);
    out.append(",\"connect_dt\":");
    appendTimestamp(out, connect);
    out.append(",\"disconnect_dt\":");
    appendTimestamp(out, disconnect);
    out.append(",\"duration\":");
    // Seconds: classic rows with three decimals ("9999.999"), newer rows whole ("999").
    appendFixed(out, row.durationMs, classic ? 3 : 0);
    if (!classic) {
        out.append(",\"room_details\":");
        out.append(room.detailsJson.isEmpty() ? QByteArray("{}") : room.detailsJson);
        out.append(",\"sip\":false");
    }
    out.append('}');

    out.append(",\"user\":{\"ip\":");
    appendIp(out, row.ip);
    out.append(",\"name\":");
    appendString(out, log.string(row.name));
    out.append(",\"role\":\"");
    out.append(roleNames[row.role <= CdrRow::Audience ? int(row.role) : int(CdrRow::Participant)]);
    out.append("\",\"ref\":");
    appendString(out, log.string(row.ref));
    out.append(",\"agent\":");
    appendString(out, log.string(row.agent));
    if (classic) {
        out.append(",\"confName\":");
        appendString(out, room.name);
    }
    out.append('}');

    out.append(",\"sigserver\":{\"connect_dt\":");
    appendTimestamp(out, sigConnect);
    out.append(",\"ip\":");
    appendIp(out, sigIp);
    out.append(",\"disconnect_dt\":");
    appendTimestamp(out, sigDisconnect);
    out.append(",\"duration\":");
    appendFixed(out, sigDisconnect - sigConnect, classic ? 3 : 0);
    out.append(",\"hold_duration\":0}");

    out.append(",\"published_track\":{\"audio\":");
    appendBool(out, row.flags & CdrRow::PublishedAudio, classic);
    out.append(",\"data\":");
    appendBool(out, row.flags & CdrRow::PublishedData, classic);
    out.append(",\"video\":");
    appendBool(out, row.flags & CdrRow::PublishedVideo, classic);
    out.append(",\"screen\":");
    appendBool(out, row.flags & CdrRow::PublishedScreen, classic);
    out.append(",\"url\":");
    appendBool(out, false, classic);
    out.append('}');

    out.append(",\"usage\":{\"subscribed_minutes\":");
    appendFixed(out, subscribedMilli, 2);
    out.append(",\"published_minutes\":");
    appendFixed(out, publishedMilli, 2);
    if (!classic) {
        out.append(",\"screen_minutes\":");
        appendFixed(out, screenMilli, 2);
        out.append(",\"connect_minutes\":");
        appendFixed(out, connectMilli, 2);
        out.append(",\"connect_minutes_cal\":");
        // Billed minutes: every started minute counts.
        appendDigits(out, (qint64(row.durationMs) + 59999) / 60000, 1);
        out.append(",\"room_connect_minutes\":");
        appendFixed(out, (session.endMs - session.startMs) / 60, 2);
    }
    out.append('}');

    if (!classic) {
        // quality 0..255: below 48 the connection was poor (about one row in five).
        const bool good = row.quality >= 48;
        const int video = publishes && (row.flags & CdrRow::PublishedVideo) ? 250 + row.quality * 6 : 0;
        const int audio = publishes ? 24 + row.quality % 40 : 0;
        out.append(",\"stats_quality\":{\"send\":{\"video\":");
        appendBitrate(out, video, video / 4, good, -1);
        out.append(",\"audio\":");
        appendBitrate(out, audio, audio / 5, good, -1);
        out.append(",\"sharing\":{}},\"receive\":{\"video\":");
        appendBitrate(out, 300 + row.quality * 5, 120, good, good ? 80 + row.quality % 21 : 20 + row.quality % 40);
        out.append(",\"audio\":");
        appendBitrate(out, 30 + row.quality % 30, 8, good, good ? 85 + row.quality % 16 : 30 + row.quality % 40);
        out.append("}}");
    }

    out.append(",\"app_id\":");
    appendString(out, m_appId);
    out.append(",\"cdr_id\":");
    appendObjectId(out, connect, log.salt(), row.serial);
    out.append('}');
}

} // namespace confero::sandbox
