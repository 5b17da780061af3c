#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

namespace confero {

class Store;
class StoreWorker;

// "Back up now" and what a person wants to know before it: where the store is and how big it is.
// On SQLite a backup is `VACUUM INTO` a new file, run on a worker thread with its own connection (the
// console keeps reading and writing meanwhile), written under a temporary name and renamed into place
// only when whole; an existing file is never overwritten. On PostgreSQL Confero makes no file: the
// server's own pg_dump does it properly, and pgDumpCommand() gives the command line for this store's
// connection (never its password).
class StoreBackup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreBackup)

public:
    struct Result
    {
        QString path;
        qint64 bytes = 0;
        QDateTime at; // UTC
    };

    // `dataDir`: the data folder, whose backups/ folder is the default destination.
    StoreBackup(const Store *store, const QString &dataDir, QObject *parent = nullptr);
    ~StoreBackup() override;

    bool makesFiles() const; // SQLite: true; PostgreSQL: use pgDumpCommand()
    QString displayLocation() const; // a path, or the URL without its password
    // <data dir>/backups/confero-<UTC yyyyMMdd'T'HHmmss'Z'>.sqlite
    QString defaultPath(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // The pg_dump command line that saves this PostgreSQL store to `outputFile` (default: the data
    // folder's backups/confero-<UTC time>.dump), without the password; empty on SQLite.
    QString pgDumpCommand(const QString &outputFile = {}) const;

    // Measures the store (file and its write-ahead log, or the PostgreSQL database) on the worker;
    // answers with sizeMeasured() (-1 when it could not be measured).
    void measureSize();

    // Backs up to `path` (a new file); ends with one finished() or failed(). Refused (false) while a
    // backup runs or on PostgreSQL.
    bool start(const QString &path);
    bool isRunning() const;

Q_SIGNALS:
    void sizeMeasured(qint64 bytes);
    void finished(const confero::StoreBackup::Result &result);
    void failed(const QString &message);

private:
    const Store *m_store;
    QString m_dataDir;
    StoreWorker *m_worker;
    bool m_running = false;
};

} // namespace confero
Q_DECLARE_METATYPE(confero::StoreBackup::Result)
