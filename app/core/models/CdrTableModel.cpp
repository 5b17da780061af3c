#include "CdrTableModel.h"

#include "store/CdrQuery.h"
#include "store/Store.h"

#include <QDateTime>

#include <QSqlError>
#include <QSqlQuery>
#include <cmath>

#include <algorithm>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// The query's name of each model column, in Column order.
constexpr QLatin1StringView kSortColumns[] = {
    QLatin1StringView("name"),
    QLatin1StringView("user_ref"),
    QLatin1StringView("role"),
    QLatin1StringView("room_name"),
    QLatin1StringView("conf_num"),
    QLatin1StringView("connect_ms"),
    QLatin1StringView("disconnect_ms"),
    QLatin1StringView("duration_s"),
    QLatin1StringView("published_minutes"),
    QLatin1StringView("subscribed_minutes"),
    QLatin1StringView("connect_minutes"),
    QLatin1StringView("agent"),
    QLatin1StringView("ip"),
};
static_assert(std::size(kSortColumns) == CdrTableModel::ColumnCount);

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

CdrTableModel::CdrTableModel(Store *store, qint64 projectId, QObject *parent)
    : WindowedRowsModel(store, parent)
    , m_store(store)
    , m_projectId(projectId)
    , m_query(new CdrQuery(store, projectId, this))
{
    startCount();
}

CdrTableModel::~CdrTableModel()
{
    // The count's worker first, while the members its answer would touch still exist.
    delete m_query;
}

int CdrTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CdrTableModel::sortColumnName(int column)
{
    return column >= 0 && column < ColumnCount ? QString(kSortColumns[column]) : QString();
}

const CdrFilter &CdrTableModel::filter() const
{
    return m_filter;
}

void CdrTableModel::setFilter(const CdrFilter &filter)
{
    m_filter = filter;
    reset(true);
}

const CdrSort &CdrTableModel::sortOrder() const
{
    return m_sort;
}

void CdrTableModel::setSort(const CdrSort &sort)
{
    if (!CdrQuery::isColumn(sort.column)) {
        fail(-1,
             tr("Call records cannot be sorted by \"%1\"; use one of: %2.")
                 .arg(sort.column, CdrQuery::columns().join(u", "_s)),
             {});
        return;
    }
    m_sort = sort;
    reset(false);
}

void CdrTableModel::sort(int column, Qt::SortOrder order)
{
    const QString name = sortColumnName(column);
    if (name.isEmpty())
        return;
    CdrSort sort;
    sort.column = name;
    sort.descending = order == Qt::DescendingOrder;
    setSort(sort);
}

std::optional<CdrStoredRow> CdrTableModel::storedRow(int row) const
{
    return cachedRow(row);
}

void CdrTableModel::countRows(std::function<void(StoreResult<qint64>)> done)
{
    m_query->count(m_filter, std::move(done));
}

CdrTableModel::PageJob CdrTableModel::pageJob(const std::optional<CdrPageKey> &after, int limit) const
{
    return [postgres = m_store->isPostgres(), projectId = m_projectId, filter = m_filter, sort = m_sort, after,
            limit](const QSqlDatabase &db) -> StoreResult<Page> {
        const StoreResult<CdrPage> read = CdrQuery::pageOn(db, postgres, projectId, filter, sort, limit, after);
        if (!read)
            return read.error();
        return Page{read.value().rows, read.value().next};
    };
}

CdrTableModel::KeyJob CdrTableModel::keyJob(const CdrRowSeek &seek) const
{
    return [postgres = m_store->isPostgres(), projectId = m_projectId, filter = m_filter, sort = m_sort,
            seek](const QSqlDatabase &db) { return CdrQuery::keyAtOn(db, postgres, projectId, filter, sort, seek); };
}

QVariant CdrTableModel::displayData(const CdrRow &row, int column) const
{
    switch (column) {
    case Name:
        return row.name;
    case UserRef:
        return row.userRef;
    case Role:
        return row.role;
    case RoomName:
        return row.roomName.isEmpty() ? row.roomId : row.roomName;
    case ConfNum:
        return row.confNum;
    case Joined:
        return localTime(row.connectMs);
    case Left:
        return localTime(row.disconnectMs);
    case Duration:
        return hms(row.durationS);
    case PublishedMinutes:
        return QString::number(row.publishedMinutes, 'f', 1);
    case SubscribedMinutes:
        return QString::number(row.subscribedMinutes, 'f', 1);
    case ConnectMinutes:
        return QString::number(row.connectMinutes, 'f', 1);
    case Agent:
        return row.agent;
    case Ip:
        return row.ip;
    default:
        return {};
    }
}

QVariant CdrTableModel::sortData(const CdrStoredRow &stored, int column)
{
    const CdrRow &row = stored.row;
    switch (column) {
    case Name:
        return row.name;
    case UserRef:
        return row.userRef;
    case Role:
        return row.role;
    case RoomName:
        return row.roomName;
    case ConfNum:
        return row.confNum;
    case Joined:
        return row.connectMs;
    case Left:
        return row.disconnectMs;
    case Duration:
        return row.durationS;
    case PublishedMinutes:
        return row.publishedMinutes;
    case SubscribedMinutes:
        return row.subscribedMinutes;
    case ConnectMinutes:
        return row.connectMinutes;
    case Agent:
        return row.agent;
    case Ip:
        return row.ip;
    default:
        return {};
    }
}

QVariant CdrTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CdrStoredRow *row = rowAt(index.row());
    if (!row)
        return role == LoadingRole ? QVariant(rowLoading(index.row())) : QVariant();
    const CdrStoredRow &stored = *row;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(stored.row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Name && !stored.row.problems.isEmpty())
            return tr("Stored with problems: %1").arg(stored.row.problems.join(u"; "_s));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= Duration && index.column() <= ConnectMinutes)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortData(stored, index.column());
    case LoadingRole:
        return false;
    case RowIdRole:
        return stored.id;
    case ConfNumRole:
        return stored.row.confNum;
    default:
        return {};
    }
}

QVariant CdrTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case UserRef:
        return tr("User ref");
    case Role:
        return tr("Role");
    case RoomName:
        return tr("Room");
    case ConfNum:
        return tr("Conference");
    case Joined:
        return tr("Joined (local time)");
    case Left:
        return tr("Left (local time)");
    case Duration:
        return tr("Duration");
    case PublishedMinutes:
        return tr("Published min");
    case SubscribedMinutes:
        return tr("Subscribed min");
    case ConnectMinutes:
        return tr("Connect min");
    case Agent:
        return tr("Device");
    case Ip:
        return tr("IP");
    default:
        return {};
    }
}

QHash<int, QByteArray> CdrTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortKey");
    names.insert(LoadingRole, "loading");
    names.insert(RowIdRole, "rowId");
    names.insert(ConfNumRole, "confNum");
    return names;
}

} // namespace confero
