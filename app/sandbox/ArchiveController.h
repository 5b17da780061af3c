#pragma once

#include "ApiReply.h"
#include "ArchivedSession.h"
#include "FileLinkRegistry.h"

#include <QSet>
#include <QString>
#include <QUrl>

#include <optional>
#include <vector>

namespace confero::sandbox {

class FaultInjector;
class SandboxClock;
class SandboxState;

// The platform's /archive routes (video-api.md 6, endpoint rows 12-15): per recorded session, its
// files as download links ({"result":"0","archive":[...]}). Dates, windows and error codes are the
// /cdr routes' (README "Archive"). Every answer mints fresh links (FileLinkRegistry), valid 72 hours
// unless an expire_links fault says otherwise.
class ArchiveController
{
public:
    ArchiveController(SandboxState &state, const SandboxClock &clock, FaultInjector &faults, QString appId);

    // Where file links point: <scheme>://<host:port>/files/ (set once the server listens).
    void setFileBase(const QUrl &base);

    // `path` is the request's path, which expire_links faults match.
    ApiReply period(const QString &from, const QString &to, const QString &path);
    ApiReply room(const QString &roomId, const QString &path);
    ApiReply roomPeriod(const QString &roomId, const QString &from, const QString &to, const QString &path);
    ApiReply conference(const QString &confNum, const QString &path);

    // A session simulated with "recorded": true.
    void markRecorded(const QString &confNum);

    // The recorded session of that room and conf_num, if any.
    std::optional<ArchivedSession> find(const QString &roomId, const QString &confNum) const;
    FileLinkRegistry &links();

private:
    ApiReply window(const QString &roomId, const QString &from, const QString &to, const QString &path);
    ApiReply answer(const std::vector<ArchivedSession> &sessions, const QString &path);
    std::vector<ArchivedSession> recorded(const std::shared_ptr<const CdrLog> &log, bool simulated,
                                          const std::vector<quint32> &picks) const;

    SandboxState &m_state;
    const SandboxClock &m_clock;
    FaultInjector &m_faults;
    QString m_appId;
    QUrl m_fileBase;
    QSet<quint32> m_marked;
    FileLinkRegistry m_links;
};

} // namespace confero::sandbox
