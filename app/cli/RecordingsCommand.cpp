#include "RecordingsCommand.h"

#include "CliContext.h"
#include "TableWriter.h"
#include "config/DataDir.h"
#include "platform/VideoPlatform.h"
#include "recordings/DownloadManager.h"
#include "recordings/SafeFileName.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>

namespace confero::cli {

using namespace Qt::StringLiterals;

RecordingsCommand::~RecordingsCommand() = default;

void RecordingsCommand::start()
{
    const CommandLine &line = m_context->commandLine();
    QStringList allowed{u"from"_s, u"to"_s, u"room"_s, u"conf"_s};
    if (line.action() == u"fetch")
        allowed += {u"kinds"_s, u"parallel"_s, u"library"_s};
    else if (line.action() != u"list") {
        fail(tr("Unknown recordings action \"%1\": use list or fetch.").arg(line.action()), UsageError);
        return;
    }
    const QString unknown = line.unknownOption(allowed);
    if (!unknown.isEmpty()) {
        fail(tr("recordings %1 does not take --%2.").arg(line.action(), unknown), UsageError);
        return;
    }
    if (!line.arguments().isEmpty()) {
        fail(tr("recordings %1 takes no arguments, only options.").arg(line.action()), UsageError);
        return;
    }
    QDate from;
    QDate to;
    for (const QString &option : {u"from"_s, u"to"_s}) {
        if (!line.has(option))
            continue;
        const QDate day = QDate::fromString(line.value(option).trimmed(), u"yyyy-MM-dd"_s);
        if (!day.isValid()) {
            fail(tr("--%1 needs a day as YYYY-MM-DD (UTC), not \"%2\".").arg(option, line.value(option)), UsageError);
            return;
        }
        (option == u"from" ? from : to) = day;
    }
    if (from.isValid() != to.isValid() || (from.isValid() && to < from)) {
        fail(tr("--from and --to go together, --to not before --from."), UsageError);
        return;
    }
    const QString room = line.value(u"room"_s).trimmed();
    const QString conf = line.value(u"conf"_s).trimmed();
    if (!conf.isEmpty() && (!room.isEmpty() || from.isValid())) {
        fail(tr("--conf N selects one session; it takes no --room, --from or --to."), UsageError);
        return;
    }
    if (conf.isEmpty() && room.isEmpty() && !from.isValid()) {
        fail(tr("recordings %1 needs --conf N, --room ID or --from D --to D.").arg(line.action()), UsageError);
        return;
    }
    QString error;
    VideoPlatform *platform = m_context->platform(&error);
    if (!platform) {
        fail(error);
        return;
    }
    const bool fetching = line.action() == u"fetch";
    auto done = [this, fetching](const PlatformResult<QList<ArchiveEntry>> &result) {
        if (!result) {
            fail(result.error().message());
            return;
        }
        if (fetching)
            fetch(result.value());
        else
            list(result.value());
    };
    if (!conf.isEmpty())
        platform->archiveByConference(conf, this, done);
    else if (!room.isEmpty() && from.isValid())
        platform->archiveByRoomPeriod(room, from, to, this, done);
    else if (!room.isEmpty())
        platform->archiveByRoom(room, this, done);
    else
        platform->archiveByPeriod(from, to, this, done);
}

QString RecordingsCommand::libraryFolder() const
{
    const CommandLine &line = m_context->commandLine();
    if (line.has(u"library"_s))
        return QDir(line.value(u"library"_s)).absolutePath();
    return QDir(DataDir::resolve(line.dataDir())).filePath(u"recordings"_s);
}

void RecordingsCommand::list(const QList<ArchiveEntry> &entries)
{
    const QString library = libraryFolder();
    // Where fetch would put a file, to say whether it is already here.
    const auto localPath = [&library](const ArchiveEntry &entry, const ArchiveFile &file) {
        return QDir(library).filePath(SafeFileName::sanitize(entry.roomId, u"room"_s) + u'/'
                                      + SafeFileName::sanitize(entry.confNum, u"session"_s) + u'/'
                                      + SafeFileName::fromUrl(file.url));
    };
    if (m_context->json()) {
        QJsonArray array;
        for (const ArchiveEntry &entry : entries) {
            QJsonArray files;
            for (const ArchiveFile &file : entry.files) {
                const QString path = localPath(entry, file);
                files.append(QJsonObject{{u"kind"_s, ArchiveFile::kindName(file.kind)},
                                         {u"name"_s, SafeFileName::fromUrl(file.url)},
                                         {u"local_path"_s, path},
                                         {u"local"_s, QFileInfo::exists(path)}});
            }
            array.append(QJsonObject{{u"room_id"_s, entry.roomId},
                                     {u"conf_num"_s, entry.confNum},
                                     {u"trans_date"_s, entry.transDate.toString(Qt::ISODateWithMs)},
                                     {u"files"_s, files}});
        }
        m_context->printJson(array);
        succeed();
        return;
    }
    TableWriter table({tr("ROOM"), tr("SESSION"), tr("READY (UTC)"), tr("FILES"), tr("LOCAL")});
    table.setRightAligned(3);
    table.setRightAligned(4);
    for (const ArchiveEntry &entry : entries) {
        int local = 0;
        for (const ArchiveFile &file : entry.files)
            local += QFileInfo::exists(localPath(entry, file)) ? 1 : 0;
        table.addRow({entry.roomId, entry.confNum, entry.transDate.toString(u"yyyy-MM-dd HH:mm"_s),
                      QString::number(entry.files.size()), QString::number(local)});
    }
    m_context->print(table.toString());
    succeed();
}

void RecordingsCommand::fetch(const QList<ArchiveEntry> &entries)
{
    const CommandLine &line = m_context->commandLine();
    QSet<ArchiveFile::Kind> kinds{ArchiveFile::Kind::Recording, ArchiveFile::Kind::Transcoded,
                                  ArchiveFile::Kind::ChatData, ArchiveFile::Kind::Metadata};
    if (line.has(u"kinds"_s)) {
        kinds.clear();
        for (const QString &name : line.value(u"kinds"_s).split(u',', Qt::SkipEmptyParts)) {
            bool known = false;
            for (const ArchiveFile::Kind kind : {ArchiveFile::Kind::Recording, ArchiveFile::Kind::Transcoded,
                                                 ArchiveFile::Kind::ChatData, ArchiveFile::Kind::Metadata}) {
                if (ArchiveFile::kindName(kind) == name.trimmed()) {
                    kinds.insert(kind);
                    known = true;
                }
            }
            if (!known) {
                fail(tr("--kinds takes recording, transcoded, chatdata and metadata, not \"%1\".").arg(name),
                     UsageError);
                return;
            }
        }
    }
    int parallel = 2;
    if (line.has(u"parallel"_s)) {
        bool ok = false;
        parallel = line.value(u"parallel"_s).toInt(&ok);
        if (!ok || parallel < 1 || parallel > 16) {
            fail(tr("--parallel takes a number from 1 to 16."), UsageError);
            return;
        }
    }
    QString error;
    const std::optional<qint64> projectId = m_context->cdrProjectId(&error);
    VideoPlatform *platform = projectId ? m_context->platform(&error) : nullptr;
    if (!platform) {
        fail(error);
        return;
    }
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    m_manager =
        std::make_unique<DownloadManager>(&m_network, platform, m_context->store(), *projectId, libraryFolder());
    m_manager->setCredentials(environment.value(u"CONFERO_RECORDING_USER"_s),
                              environment.value(u"CONFERO_RECORDING_PASSWORD"_s));
    m_manager->setMaxConcurrent(parallel);
    if (!m_manager->restore(&error)) {
        fail(error);
        return;
    }
    for (const ArchiveEntry &entry : entries) {
        const StoreResult<QList<qint64>> queued = m_manager->enqueue(entry, kinds);
        if (!queued) {
            fail(queued.error().message);
            return;
        }
        m_ids += queued.value();
    }
    const auto check = [this] {
        for (const qint64 id : std::as_const(m_ids)) {
            const std::optional<DownloadRecord> record = m_manager->download(id);
            if (record
                && (record->state == DownloadRecord::State::Queued || record->state == DownloadRecord::State::Running))
                return;
        }
        report();
    };
    connect(m_manager.get(), &DownloadManager::downloadFinished, this, check);
    connect(m_manager.get(), &DownloadManager::downloadFailed, this, check);
    check();
}

void RecordingsCommand::report()
{
    disconnect(m_manager.get(), nullptr, this, nullptr);
    qint64 bytes = 0;
    int done = 0;
    QJsonArray failed;
    QString firstError;
    for (const qint64 id : std::as_const(m_ids)) {
        const std::optional<DownloadRecord> record = m_manager->download(id);
        if (!record)
            continue;
        if (record->state == DownloadRecord::State::Done) {
            ++done;
            bytes += record->bytesDone;
        } else {
            failed.append(QJsonObject{{u"local_path"_s, record->localPath}, {u"error"_s, record->error}});
            if (firstError.isEmpty())
                firstError = record->error;
        }
    }
    if (m_context->json())
        m_context->printJson(QJsonObject{
            {u"files"_s, done}, {u"bytes"_s, bytes}, {u"failed"_s, failed}, {u"library"_s, libraryFolder()}});
    else
        m_context->print(tr("%n files in %1", nullptr, done).arg(libraryFolder()) + u" ("_s
                         + QLocale::system().formattedDataSize(bytes) + u").\n"_s);
    if (failed.isEmpty())
        succeed();
    else
        fail(tr("%n files could not be downloaded; the first: %1", nullptr, int(failed.size())).arg(firstError));
}

} // namespace confero::cli
