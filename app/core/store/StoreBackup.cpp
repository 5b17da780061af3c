#include "StoreBackup.h"

#include "DatabaseLocation.h"

#include "Logging.h"
#include "Store.h"
#include "StoreWorker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>
#include <QUrl>
#include <QUrlQuery>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// SQLite's primary result codes the backup tells apart (sqlite3.h).
constexpr int kSqlitePerm = 3;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;

QString stamp(const QDateTime &now)
{
    return now.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString size(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

// Quoted for a POSIX shell when it holds anything but the plainly safe characters.
QString shellWord(const QString &word)
{
    static const QString safe = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%_+=:,./-"_s;
    bool plain = !word.isEmpty();
    for (const QChar c : word)
        plain = plain && safe.contains(c);
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + quoted + u"'"_s;
}

// The schema a PostgreSQL store lives in, from the `options=-csearch_path=...` of its URL, or empty for
// the server's default. A team often keeps the store in a schema of a database it shares with other
// things (the relay, other projects): the dump and the size are then of that schema alone.
QString pgSchemaOf(const QUrl &url)
{
    const QString options = QUrlQuery(url).queryItemValue(u"options"_s, QUrl::FullyDecoded);
    const QStringList words = options.split(u' ', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString setting = words.at(i);
        if (setting == u"-c"_s && i + 1 < words.size())
            setting = u"-c"_s + words.at(++i);
        if (!setting.startsWith(u"-csearch_path="_s))
            continue;
        QString first = setting.mid(14).section(u',', 0, 0).trimmed();
        if (first.size() > 1 && first.startsWith(u'"') && first.endsWith(u'"'))
            first = first.mid(1, first.size() - 2);
        return first;
    }
    return {};
}

// A pg_dump --schema pattern matching exactly that name: quoted unless it is plain lower case.
QString pgSchemaPattern(const QString &schema)
{
    static const QRegularExpression plain(u"^[a-z_][a-z0-9_]*$"_s);
    if (plain.match(schema).hasMatch())
        return schema;
    QString quoted = schema;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u"\""_s + quoted + u"\""_s;
}

StoreError unwritable(const QString &folder, const QString &detail)
{
    return StoreError{
        StoreBackup::tr("Confero cannot write to the folder %1. Choose a folder you can write to.").arg(native(folder)),
        detail};
}

// Runs on the worker: VACUUM INTO a temporary name beside `path`, then rename into place.
StoreResult<qint64> backUp(QSqlDatabase &db, const QString &path)
{
    const QFileInfo target(path);
    const QString folder = target.absolutePath();
    if (target.exists())
        return StoreError{
            StoreBackup::tr("%1 already exists, and Confero never overwrites a file. Choose another name.")
                .arg(native(target.absoluteFilePath())),
            {}};
    if (!QDir().mkpath(folder))
        return unwritable(folder, u"mkpath failed"_s);

    // The temporary file is made first, empty (VACUUM INTO accepts an empty file): it proves the
    // folder can be written before anything is measured or copied.
    const QString part = QDir(folder).filePath(u"."_s + target.fileName() + u".part"_s);
    QFile::remove(part); // a piece left by a backup that was interrupted
    {
        QFile probe(part);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return unwritable(folder, probe.errorString());
    }

    // What VACUUM INTO will write: the used pages (free pages are left out).
    qint64 needed = 0;
    {
        QSqlQuery pragma(db);
        if (pragma.exec(u"SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), "
                        "pragma_freelist_count(), pragma_page_size()"_s)
            && pragma.next())
            needed = pragma.value(0).toLongLong();
    }
    const QStorageInfo volume(folder);
    if (volume.isValid() && volume.bytesAvailable() >= 0 && volume.bytesAvailable() < needed) {
        QFile::remove(part);
        return StoreError{StoreBackup::tr("There is not enough free space in %1: the backup needs about %2 and %3 "
                                          "are free. Free some space or choose another disk.")
                              .arg(native(folder), size(needed), size(volume.bytesAvailable())),
                          {}};
    }

    QString escaped = part;
    escaped.replace(u"'"_s, u"''"_s);
    QSqlQuery vacuum(db);
    if (!vacuum.exec(u"VACUUM INTO '%1'"_s.arg(escaped))) {
        const QSqlError error = vacuum.lastError();
        QFile::remove(part);
        const int code = error.nativeErrorCode().toInt() & 0xff;
        if (code == kSqliteFull || error.databaseText().contains(u"full"_s, Qt::CaseInsensitive))
            return StoreError{StoreBackup::tr("The disk holding %1 filled up during the backup; the partial copy was "
                                              "removed. Free some space or choose another disk.")
                                  .arg(native(folder)),
                              error.text()};
        if (code == kSqliteCantOpen || code == kSqliteReadOnly || code == kSqlitePerm || code == kSqliteIoErr)
            return unwritable(folder, error.text());
        return StoreError{StoreBackup::tr("The backup to %1 failed.").arg(native(path)), error.text()};
    }
    // QFile::rename never replaces an existing file, so a file that appeared meanwhile is kept too.
    QFile moved(part);
    if (!moved.rename(path)) {
        const QString detail = moved.errorString();
        QFile::remove(part);
        if (QFileInfo::exists(path))
            return StoreError{StoreBackup::tr("%1 already exists, and Confero never overwrites a file. Choose another "
                                              "name.")
                                  .arg(native(path)),
                              detail};
        return unwritable(folder, detail);
    }
    return QFileInfo(path).size();
}

qint64 measure(QSqlDatabase &db, bool postgres, const QString &location)
{
    if (!postgres)
        return QFileInfo(location).size() + QFileInfo(location + u"-wal"_s).size();
    // The store's own tables with their indexes and TOAST, not the whole database it may share.
    QSqlQuery query(db);
    if (query.exec(u"SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                   "JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')"_s)
        && query.next())
        return query.value(0).toLongLong();
    return -1;
}

} // namespace

StoreBackup::StoreBackup(const Store *store, const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDir(dataDir)
    , m_worker(new StoreWorker(store, this))
{
}

StoreBackup::~StoreBackup() = default;

bool StoreBackup::makesFiles() const
{
    return !m_store->isPostgres();
}

QString StoreBackup::displayLocation() const
{
    return DatabaseLocation::display(m_store->location());
}

QString StoreBackup::defaultPath(const QDateTime &now) const
{
    return QDir(m_dataDir).filePath(u"backups/confero-%1.sqlite"_s.arg(stamp(now)));
}

QString StoreBackup::pgDumpCommand(const QString &outputFile) const
{
    if (!m_store->isPostgres())
        return {};
    QUrl url(m_store->location());
    url.setPassword({});
    const QString file = outputFile.isEmpty()
        ? QDir(m_dataDir).filePath(u"backups/confero-%1.dump"_s.arg(stamp(QDateTime::currentDateTimeUtc())))
        : outputFile;
    // --format=custom: compressed, and pg_restore can bring back one table or the whole store.
    QString command =
        u"pg_dump --format=custom --file=%1 --dbname=%2"_s.arg(shellWord(file), shellWord(url.toString()));
    if (const QString schema = pgSchemaOf(url); !schema.isEmpty())
        command += u" --schema="_s + shellWord(pgSchemaPattern(schema));
    return command;
}

void StoreBackup::measureSize()
{
    const bool postgres = m_store->isPostgres();
    const QString location = m_store->location();
    m_worker->run<qint64>(
        [postgres, location](QSqlDatabase &db) -> qint64 { return db.isOpen() ? measure(db, postgres, location) : -1; },
        [this](qint64 bytes) { Q_EMIT sizeMeasured(bytes); });
}

bool StoreBackup::isRunning() const
{
    return m_running;
}

bool StoreBackup::start(const QString &path)
{
    if (m_running || m_store->isPostgres())
        return false;
    m_running = true;
    const QString target = path.trimmed().isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    StoreWorker *worker = m_worker;
    m_worker->run<StoreResult<qint64>>(
        [worker, target](QSqlDatabase &db) -> StoreResult<qint64> {
            if (target.isEmpty())
                return StoreError{StoreBackup::tr("Choose a file to back up to."), {}};
            if (!db.isOpen())
                return worker->openError();
            return backUp(db, target);
        },
        [this, target](const StoreResult<qint64> &bytes) {
            m_running = false;
            if (!bytes) {
                qCWarning(lcStore).noquote()
                    << "backup to" << target << "failed:" << bytes.error().message << bytes.error().detail;
                Q_EMIT failed(bytes.error().message);
                return;
            }
            qCInfo(lcStore).noquote() << "backed up to" << target << bytes.value() << "bytes";
            Q_EMIT finished(Result{target, bytes.value(), QDateTime::currentDateTimeUtc()});
        });
    return true;
}

} // namespace confero
