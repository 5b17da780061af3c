#pragma once

#include "recordings/ArchiveEntry.h"
#include "recordings/DownloadRecord.h"
#include "recordings/TransferRate.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <functional>

namespace confero {

class DownloadManager;

// The files of an archive listing (one row a file, grouped by room and session as the listing
// orders them) with what this computer has of each: not local, queued, downloading (bytes and rate),
// paused, failed (with the reason for a person) or complete. The local side comes from the project's
// DownloadManager: its rows at setEntries() and then its downloadChanged signals, one dataChanged per
// file; a file on disk with no download row (fetched by an earlier list of downloads) is complete.
// totalProgress() adds up the listed files that have a download.
class RecordingTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingTableModel)

public:
    enum Column { Room, Session, Ready, Kind, File, Size, Progress, ColumnCount };
    Q_ENUM(Column)

    enum class LocalState { NotLocal, Queued, Downloading, Paused, Failed, Complete };
    Q_ENUM(LocalState)

    enum Role {
        SortRole = Qt::UserRole + 1,
        StateRole, // LocalState as int
        BytesDoneRole, // qint64
        BytesTotalRole, // qint64, -1 while unknown
        FractionRole, // double 0..1, or -1 while the size is unknown
        RateRole, // double bytes per second, -1 while unknown (only when downloading)
        ErrorRole, // the failure's sentence for a person
        DownloadIdRole, // qint64, 0 when never queued
        LocalPathRole,
        RoomIdRole,
        ConfNumRole,
    };

    using Clock = std::function<qint64()>; // milliseconds, any fixed origin

    explicit RecordingTableModel(QObject *parent = nullptr);
    ~RecordingTableModel() override;

    // The project's download list (nullptr: none; every file shows as on disk or not).
    void setManager(DownloadManager *manager);
    DownloadManager *manager() const;
    void setEntries(const QList<ArchiveEntry> &entries);
    // Room names for the Room column (ids without a name show as the id).
    void setRoomNames(const QHash<QString, QString> &names);
    QHash<QString, QString> roomNames() const;
    void setClock(Clock clock);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    LocalState state(int row) const;
    qint64 downloadId(int row) const;
    QString localPath(int row) const;
    // The files of those rows as archive entries (one per session, only those files), for
    // DownloadManager::enqueue.
    QList<ArchiveEntry> entriesFor(const QList<int> &rows) const;
    int rowOf(const QString &confNum, const QString &fileName) const; // -1 when absent
    int rowOfDownload(qint64 id) const; // -1 when absent

    // Over the listed files that have a download: bytes done and the total known so far.
    qint64 totalDone() const;
    qint64 totalSize() const;
    // Of those, the ones not complete whose size is not known yet (not started, or paused before
    // the server said): totalSize() leaves them out, so the total is not whole while any remain.
    int unknownSizeCount() const;

    static QString stateText(LocalState state);

Q_SIGNALS:
    void totalProgressChanged(qint64 done, qint64 total);

private:
    struct Row
    {
        QString roomId;
        QString confNum;
        QDateTime ready;
        ArchiveFile file;
        QString fileName;
        QString localPath;
        qint64 downloadId = 0;
        LocalState state = LocalState::NotLocal;
        qint64 bytesDone = 0;
        qint64 bytesTotal = -1;
        QString error;
        TransferRate rate;
    };

    static QString keyOf(const QString &roomId, const QString &confNum, ArchiveFile::Kind kind,
                         const QString &fileName);
    void apply(int at, const DownloadRecord &record);
    void applyFromDisk(Row &row) const;
    void onDownloadChanged(qint64 id);
    QVariant displayData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    void emitTotal();

    QPointer<DownloadManager> m_manager;
    QList<Row> m_rows;
    QHash<QString, int> m_rowOfKey;
    QHash<qint64, int> m_rowOfId;
    QHash<QString, QString> m_roomNames;
    Clock m_clock;
};

} // namespace confero
