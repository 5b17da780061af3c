#include "SessionTableModel.h"

#include "store/CdrChanges.h"
#include "store/SessionQuery.h"
#include "store/Store.h"

#include <QDateTime>

#include <cmath>

#include <iterator>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// The query's name of each model column, in Column order.
constexpr QLatin1StringView kSortColumns[] = {
    QLatin1StringView("room_name"),        QLatin1StringView("conf_num"),   QLatin1StringView("start_ms"),
    QLatin1StringView("end_ms"),           QLatin1StringView("duration_s"), QLatin1StringView("participant_count"),
    QLatin1StringView("peak_concurrency"), QLatin1StringView("recorded"),
};
static_assert(std::size(kSortColumns) == SessionTableModel::ColumnCount);

QString localTime(qint64 ms)
{
    return ms == 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString hms(double seconds)
{
    const qint64 s = std::llround(seconds);
    return u"%1:%2:%3"_s.arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar(u'0')).arg(s % 60, 2, 10, QChar(u'0'));
}

} // namespace

SessionTableModel::SessionTableModel(Store *store, qint64 projectId, QObject *parent)
    : WindowedRowsModel(store, parent)
    , m_store(store)
    , m_projectId(projectId)
    , m_query(new SessionQuery(store, projectId, this))
{
    connect(store->cdrChanges(), &CdrChanges::changed, this, [this](qint64 changedProject) {
        if (changedProject == m_projectId)
            Q_EMIT storedRowsChanged();
    });
    startCount();
    readRooms();
}

SessionTableModel::~SessionTableModel()
{
    // The count's worker first, while the members its answer would touch still exist.
    delete m_query;
}

int SessionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SessionTableModel::sortColumnName(int column)
{
    return column >= 0 && column < ColumnCount ? QString(kSortColumns[column]) : QString();
}

int SessionTableModel::columnForSort(const QString &name)
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (kSortColumns[column] == name)
            return column;
    }
    return -1;
}

const CdrFilter &SessionTableModel::filter() const
{
    return m_filter;
}

void SessionTableModel::setFilter(const CdrFilter &filter)
{
    m_filter = filter;
    reset(true);
}

const SessionSort &SessionTableModel::sortOrder() const
{
    return m_sort;
}

void SessionTableModel::setSort(const SessionSort &sort)
{
    if (!SessionQuery::isColumn(sort.column)) {
        fail(-1,
             tr("Sessions cannot be sorted by \"%1\"; use one of: %2.")
                 .arg(sort.column, SessionQuery::columns().join(u", "_s)),
             {});
        return;
    }
    m_sort = sort;
    reset(false);
}

void SessionTableModel::sort(int column, Qt::SortOrder order)
{
    const QString name = sortColumnName(column);
    if (name.isEmpty())
        return;
    SessionSort sort;
    sort.column = name;
    sort.descending = order == Qt::DescendingOrder;
    setSort(sort);
}

std::optional<SessionRow> SessionTableModel::session(int row) const
{
    return cachedRow(row);
}

QList<SessionRoom> SessionTableModel::rooms() const
{
    return m_rooms;
}

void SessionTableModel::refresh()
{
    reset(true);
    readRooms();
}

void SessionTableModel::refreshKeeping(qint64 sessionId)
{
    refresh();
    m_query->rowOf(m_filter, m_sort, sessionId,
                   [this, sessionId, generation = generation()](const StoreResult<qint64> &row) {
                       if (generation != this->generation())
                           return; // another filter, sort or reload since
                       if (!row) {
                           fail(-1, row.error().message, row.error().detail);
                           return;
                       }
                       const qint64 at = row.value();
                       Q_EMIT sessionFound(sessionId, at >= 0 && at < rowCount() ? static_cast<int>(at) : -1);
                   });
}

void SessionTableModel::readRooms()
{
    // Queued on the same worker after the count, so the table's number comes first.
    m_query->rooms([this](const StoreResult<QList<SessionRoom>> &read) {
        if (!read) {
            fail(-1, read.error().message, read.error().detail);
            return;
        }
        m_rooms = read.value();
        m_roomNames.clear();
        for (const SessionRoom &room : std::as_const(m_rooms)) {
            if (!room.roomName.isEmpty())
                m_roomNames.insert(room.roomId, room.roomName);
        }
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, Room), index(rowCount() - 1, Room), {Qt::DisplayRole});
        Q_EMIT roomsChanged();
    });
}

void SessionTableModel::countRows(std::function<void(StoreResult<qint64>)> done)
{
    m_query->count(m_filter, std::move(done));
}

SessionTableModel::PageJob SessionTableModel::pageJob(const std::optional<CdrPageKey> &after, int limit) const
{
    return [postgres = m_store->isPostgres(), projectId = m_projectId, filter = m_filter, sort = m_sort, after,
            limit](const QSqlDatabase &db) -> StoreResult<Page> {
        const StoreResult<SessionPage> read = SessionQuery::pageOn(db, postgres, projectId, filter, sort, limit, after);
        if (!read)
            return read.error();
        return Page{read.value().rows, read.value().next};
    };
}

SessionTableModel::KeyJob SessionTableModel::keyJob(const CdrRowSeek &seek) const
{
    return [postgres = m_store->isPostgres(), projectId = m_projectId, filter = m_filter, sort = m_sort,
            seek](const QSqlDatabase &db) { return SessionQuery::keyAt(db, postgres, projectId, filter, sort, seek); };
}

QVariant SessionTableModel::displayData(const SessionRow &row, int column) const
{
    switch (column) {
    case Room:
        return !row.roomName.isEmpty() ? row.roomName : m_roomNames.value(row.roomId, row.roomId);
    case ConfNum:
        return row.confNum;
    case Start:
        return localTime(row.startMs);
    case End:
        return localTime(row.endMs);
    case Duration:
        return hms(row.durationS);
    case Participants:
        return QString::number(row.participantCount);
    case PeakConcurrency:
        return QString::number(row.peakConcurrency);
    case Recorded:
        return row.recorded ? tr("Yes") : tr("No");
    default:
        return {};
    }
}

QVariant SessionTableModel::sortData(const SessionRow &row, int column)
{
    switch (column) {
    case Room:
        return row.roomName;
    case ConfNum:
        return row.confNum;
    case Start:
        return row.startMs;
    case End:
        return row.endMs;
    case Duration:
        return row.durationS;
    case Participants:
        return row.participantCount;
    case PeakConcurrency:
        return row.peakConcurrency;
    case Recorded:
        return row.recorded;
    default:
        return {};
    }
}

QVariant SessionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SessionRow *row = rowAt(index.row());
    if (!row)
        return role == LoadingRole ? QVariant(rowLoading(index.row())) : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Participants)
            return QString(tr("%n people", nullptr, row->participantCount) + u", "_s
                           + tr("%n connections (a rejoin is one more)", nullptr, row->rowCount));
        if (index.column() == Room)
            return row->roomId;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= Duration && index.column() <= PeakConcurrency)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortData(*row, index.column());
    case LoadingRole:
        return false;
    case RowIdRole:
        return row->id;
    case ConfNumRole:
        return row->confNum;
    case StartMsRole:
        return row->startMs;
    case EndMsRole:
        return row->endMs;
    default:
        return {};
    }
}

QVariant SessionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Room:
        return tr("Room");
    case ConfNum:
        return tr("Conference");
    case Start:
        return tr("Start (local time)");
    case End:
        return tr("End (local time)");
    case Duration:
        return tr("Duration");
    case Participants:
        return tr("Participants");
    case PeakConcurrency:
        return tr("Peak");
    case Recorded:
        return tr("Recorded");
    default:
        return {};
    }
}

QHash<int, QByteArray> SessionTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortKey");
    names.insert(LoadingRole, "loading");
    names.insert(RowIdRole, "rowId");
    names.insert(ConfNumRole, "confNum");
    names.insert(StartMsRole, "startMs");
    names.insert(EndMsRole, "endMs");
    return names;
}

} // namespace confero
