#include "RecordingTableModel.h"

#include "recordings/DownloadManager.h"
#include "recordings/SafeFileName.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

namespace confero {

using namespace Qt::StringLiterals;

RecordingTableModel::RecordingTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

RecordingTableModel::~RecordingTableModel() = default;

QString RecordingTableModel::keyOf(const QString &roomId, const QString &confNum, ArchiveFile::Kind kind,
                                   const QString &fileName)
{
    return roomId + u'\x1f' + confNum + u'\x1f' + ArchiveFile::kindName(kind) + u'\x1f' + fileName;
}

void RecordingTableModel::setManager(DownloadManager *manager)
{
    if (m_manager == manager)
        return;
    if (m_manager)
        disconnect(m_manager, nullptr, this, nullptr);
    m_manager = manager;
    if (m_manager)
        connect(m_manager, &DownloadManager::downloadChanged, this, &RecordingTableModel::onDownloadChanged);
    // The same listing seen through the new project's downloads.
    QList<ArchiveEntry> entries;
    for (const Row &row : std::as_const(m_rows)) {
        if (entries.isEmpty() || entries.constLast().confNum != row.confNum || entries.constLast().roomId != row.roomId)
            entries.append(ArchiveEntry{{}, row.ready, row.confNum, {}, row.roomId, {}});
        entries.last().files.append(row.file);
    }
    setEntries(entries);
}

DownloadManager *RecordingTableModel::manager() const
{
    return m_manager;
}

void RecordingTableModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QHash<QString, QString> RecordingTableModel::roomNames() const
{
    return m_roomNames;
}

void RecordingTableModel::setRoomNames(const QHash<QString, QString> &names)
{
    m_roomNames = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Room), index(rowCount() - 1, Room));
}

void RecordingTableModel::setEntries(const QList<ArchiveEntry> &entries)
{
    beginResetModel();
    m_rows.clear();
    m_rowOfKey.clear();
    m_rowOfId.clear();
    for (const ArchiveEntry &entry : entries) {
        for (const ArchiveFile &file : entry.files) {
            Row row;
            row.roomId = entry.roomId;
            row.confNum = entry.confNum;
            row.ready = entry.transDate;
            row.file = file;
            row.fileName = SafeFileName::fromUrl(file.url);
            if (m_manager)
                row.localPath = m_manager->localPathFor(entry.roomId, entry.confNum, file.url);
            const QString key = keyOf(row.roomId, row.confNum, file.kind, row.fileName);
            if (m_rowOfKey.contains(key))
                continue; // a listing that names a file twice shows it once
            m_rowOfKey.insert(key, int(m_rows.size()));
            m_rows.append(row);
        }
    }
    if (m_manager) {
        const QList<DownloadRecord> downloads = m_manager->downloads();
        for (const DownloadRecord &record : downloads) {
            const int at = m_rowOfKey.value(keyOf(record.roomId, record.confNum, record.kind, record.fileName), -1);
            if (at >= 0)
                apply(at, record);
        }
    }
    for (Row &row : m_rows) {
        if (row.downloadId == 0)
            applyFromDisk(row);
    }
    endResetModel();
    emitTotal();
}

void RecordingTableModel::applyFromDisk(Row &row) const
{
    const QFileInfo info(row.localPath);
    if (!row.localPath.isEmpty() && info.isFile()) {
        row.state = LocalState::Complete;
        row.bytesDone = info.size();
        row.bytesTotal = info.size();
    } else {
        row.state = LocalState::NotLocal;
        row.bytesDone = 0;
        row.bytesTotal = -1;
    }
}

void RecordingTableModel::apply(int at, const DownloadRecord &record)
{
    Row &row = m_rows[at];
    if (row.downloadId != record.id) {
        row.downloadId = record.id;
        m_rowOfId.insert(record.id, at);
        row.rate.clear();
    }
    row.localPath = record.localPath;
    row.bytesTotal = record.bytesTotal;
    row.error.clear();
    const qint64 before = row.bytesDone;
    row.bytesDone = record.bytesDone;
    switch (record.state) {
    case DownloadRecord::State::Queued:
        row.state = LocalState::Queued;
        row.rate.clear();
        break;
    case DownloadRecord::State::Running:
        if (row.state != LocalState::Downloading || before > record.bytesDone)
            row.rate.clear();
        row.state = LocalState::Downloading;
        row.rate.add(record.bytesDone, m_clock());
        break;
    case DownloadRecord::State::Paused:
        row.state = LocalState::Paused;
        row.rate.clear();
        break;
    case DownloadRecord::State::Failed:
        row.state = LocalState::Failed;
        row.error = record.error;
        row.rate.clear();
        break;
    case DownloadRecord::State::Done:
        // Finished once, but the file may have been moved or deleted since.
        row.rate.clear();
        if (QFileInfo(record.localPath).isFile()) {
            row.state = LocalState::Complete;
        } else {
            row.state = LocalState::NotLocal;
            row.bytesDone = 0;
        }
        break;
    case DownloadRecord::State::Cancelled:
        row.state = LocalState::NotLocal; // the part was removed
        row.bytesDone = 0;
        row.rate.clear();
        break;
    case DownloadRecord::State::Removed:
        row.state = LocalState::NotLocal; // the storage policy deleted the copy; the record says when
        row.error = record.error;
        row.bytesDone = 0;
        row.rate.clear();
        break;
    }
}

void RecordingTableModel::onDownloadChanged(qint64 id)
{
    if (!m_manager)
        return;
    const std::optional<DownloadRecord> record = m_manager->download(id);
    if (!record)
        return;
    int at = m_rowOfId.value(id, -1);
    if (at < 0)
        at = m_rowOfKey.value(keyOf(record->roomId, record->confNum, record->kind, record->fileName), -1);
    if (at < 0)
        return; // a download of a file this listing does not show
    apply(at, *record);
    Q_EMIT dataChanged(index(at, 0), index(at, ColumnCount - 1));
    emitTotal();
}

qint64 RecordingTableModel::totalDone() const
{
    qint64 done = 0;
    for (const Row &row : m_rows) {
        if (row.downloadId != 0 && row.state != LocalState::NotLocal)
            done += row.bytesDone;
    }
    return done;
}

qint64 RecordingTableModel::totalSize() const
{
    qint64 total = 0;
    for (const Row &row : m_rows) {
        if (row.downloadId != 0 && row.state != LocalState::NotLocal)
            total += qMax(row.bytesTotal, row.bytesDone);
    }
    return total;
}

int RecordingTableModel::unknownSizeCount() const
{
    int count = 0;
    for (const Row &row : m_rows) {
        if (row.downloadId != 0 && row.state != LocalState::NotLocal && row.state != LocalState::Complete
            && row.bytesTotal < 0)
            ++count;
    }
    return count;
}

void RecordingTableModel::emitTotal()
{
    Q_EMIT totalProgressChanged(totalDone(), totalSize());
}

int RecordingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RecordingTableModel::stateText(LocalState state)
{
    switch (state) {
    case LocalState::NotLocal:
        return tr("Not local");
    case LocalState::Queued:
        return tr("Queued");
    case LocalState::Downloading:
        return tr("Downloading");
    case LocalState::Paused:
        return tr("Paused");
    case LocalState::Failed:
        return tr("Failed");
    case LocalState::Complete:
        return tr("Complete");
    }
    return {};
}

namespace {

QString kindText(ArchiveFile::Kind kind)
{
    switch (kind) {
    case ArchiveFile::Kind::Recording:
        return RecordingTableModel::tr("Recording");
    case ArchiveFile::Kind::Transcoded:
        return RecordingTableModel::tr("Transcoded video");
    case ArchiveFile::Kind::ChatData:
        return RecordingTableModel::tr("Chat");
    case ArchiveFile::Kind::Metadata:
        return RecordingTableModel::tr("Metadata");
    }
    return {};
}

double fraction(qint64 done, qint64 total)
{
    return total > 0 ? qBound(0.0, double(done) / double(total), 1.0) : -1.0;
}

} // namespace

QVariant RecordingTableModel::displayData(const Row &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case Room:
        return m_roomNames.value(row.roomId, row.roomId);
    case Session:
        return row.confNum;
    case Ready:
        return row.ready.isValid() ? row.ready.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : QString();
    case Kind:
        return kindText(row.file.kind);
    case File:
        return row.fileName;
    case Size:
        return row.bytesTotal >= 0 ? locale.formattedDataSize(row.bytesTotal) : QString();
    case Progress: {
        const double part = fraction(row.bytesDone, row.bytesTotal);
        const QString percent = part >= 0 ? tr("%1 %").arg(qRound(part * 100)) : QString();
        switch (row.state) {
        case LocalState::Downloading: {
            const double rate = row.rate.bytesPerSecond(m_clock());
            QString text = tr("Downloading");
            if (!percent.isEmpty())
                text += u' ' + percent;
            if (rate >= 0)
                text += u" · "_s + tr("%1/s").arg(locale.formattedDataSize(qint64(rate)));
            return text;
        }
        case LocalState::Paused:
            return percent.isEmpty() ? tr("Paused") : tr("Paused at %1").arg(percent);
        case LocalState::Failed:
            return tr("Failed: %1").arg(row.error);
        case LocalState::NotLocal:
            return row.error.isEmpty() ? stateText(row.state) : tr("Not local: %1").arg(row.error);
        default:
            return stateText(row.state);
        }
    }
    default:
        return {};
    }
}

QVariant RecordingTableModel::sortData(const Row &row, int column) const
{
    switch (column) {
    case Room:
        return m_roomNames.value(row.roomId, row.roomId).toCaseFolded();
    case Session:
        return row.confNum;
    case Ready:
        return row.ready.toMSecsSinceEpoch();
    case Kind:
        return int(row.file.kind);
    case File:
        return row.fileName.toCaseFolded();
    case Size:
        return row.bytesTotal;
    case Progress:
        return int(row.state) * 1000 + qRound(qMax(0.0, fraction(row.bytesDone, row.bytesTotal)) * 999);
    default:
        return {};
    }
}

QVariant RecordingTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Progress && row.state == LocalState::Failed)
            return row.error;
        if (index.column() == File && !row.localPath.isEmpty())
            return row.localPath;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Size)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortData(row, index.column());
    case StateRole:
        return int(row.state);
    case BytesDoneRole:
        return row.bytesDone;
    case BytesTotalRole:
        return row.bytesTotal;
    case FractionRole:
        return row.state == LocalState::Complete ? 1.0 : fraction(row.bytesDone, row.bytesTotal);
    case RateRole:
        return row.state == LocalState::Downloading ? row.rate.bytesPerSecond(m_clock()) : -1.0;
    case ErrorRole:
        return row.error;
    case DownloadIdRole:
        return row.downloadId;
    case LocalPathRole:
        return row.localPath;
    case RoomIdRole:
        return row.roomId;
    case ConfNumRole:
        return row.confNum;
    default:
        return {};
    }
}

QVariant RecordingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Room:
        return tr("Room");
    case Session:
        return tr("Session");
    case Ready:
        return tr("Ready");
    case Kind:
        return tr("Kind");
    case File:
        return tr("File");
    case Size:
        return tr("Size");
    case Progress:
        return tr("Local copy");
    default:
        return {};
    }
}

RecordingTableModel::LocalState RecordingTableModel::state(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).state : LocalState::NotLocal;
}

qint64 RecordingTableModel::downloadId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).downloadId : 0;
}

QString RecordingTableModel::localPath(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).localPath : QString();
}

int RecordingTableModel::rowOf(const QString &confNum, const QString &fileName) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).confNum == confNum && m_rows.at(i).fileName == fileName)
            return i;
    }
    return -1;
}

int RecordingTableModel::rowOfDownload(qint64 id) const
{
    return m_rowOfId.value(id, -1);
}

QList<ArchiveEntry> RecordingTableModel::entriesFor(const QList<int> &rows) const
{
    QList<ArchiveEntry> entries;
    QHash<QString, qsizetype> entryOf; // room + conf -> index in entries
    for (const int at : rows) {
        if (at < 0 || at >= m_rows.size())
            continue;
        const Row &row = m_rows.at(at);
        const QString session = row.roomId + u'\x1f' + row.confNum;
        qsizetype i = entryOf.value(session, -1);
        if (i < 0) {
            i = entries.size();
            entryOf.insert(session, i);
            entries.append(ArchiveEntry{{}, row.ready, row.confNum, {}, row.roomId, {}});
        }
        if (!entries.at(i).files.contains(row.file))
            entries[i].files.append(row.file);
    }
    return entries;
}

} // namespace confero
