#include "CdrTableModel.h"

#include "Logging.h"
#include "store/CdrQuery.h"
#include "store/Store.h"
#include "store/StoreWorker.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

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

// CdrQuery's text columns: the jump query must order them exactly as CdrQuery::page() does (byte
// order, so COLLATE "C" on PostgreSQL), or the key it finds would not be where page() looks.
bool isTextColumn(const QString &column)
{
    static const QStringList text{u"conf_num"_s, u"room_id"_s,  u"room_name"_s,  u"name"_s,
                                  u"user_ref"_s, u"role"_s,     u"agent"_s,      u"ip"_s,
                                  u"cdr_id"_s,   u"call_num"_s, u"call_log_id"_s};
    return text.contains(column);
}

using KeyResult = StoreResult<std::optional<CdrPageKey>>;

// The key of the row `offset` rows after `after` (or from the first row), in the sort's order:
// where the page after that row starts. Nothing when there are not that many rows.
KeyResult keyAt(QSqlDatabase &db, bool postgres, qint64 projectId, const CdrFilter &filter, const CdrSort &sort,
                const std::optional<CdrPageKey> &after, qint64 offset)
{
    const QString sortExpr = sort.column + (postgres && isTextColumn(sort.column) ? u" COLLATE \"C\""_s : QString());
    const QString direction = sort.descending ? u" DESC"_s : u" ASC"_s;
    QVariantList values;
    QString sql = u"SELECT "_s + sort.column + u", id FROM participants WHERE project_id = ? AND "_s
        + CdrQuery::whereClause(filter, postgres, &values);
    if (after) {
        sql += u" AND ("_s + sortExpr + u", id) "_s + (sort.descending ? u"<"_s : u">"_s) + u" (?, ?)"_s;
        values.append(after->value);
        values.append(after->id);
    }
    if (sort.column == u"id"_s)
        sql += u" ORDER BY id"_s + direction;
    else
        sql += u" ORDER BY "_s + sortExpr + direction + u", id"_s + direction;
    sql += u" LIMIT 1 OFFSET "_s + QString::number(offset);

    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    query.addBindValue(projectId);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
        return StoreError{CdrTableModel::tr("Could not find where row %1 starts.").arg(offset + 1),
                          query.lastError().text()};
    if (!query.next())
        return std::optional<CdrPageKey>();
    return std::optional<CdrPageKey>(CdrPageKey{query.value(0), query.value(1).toLongLong()});
}

QString localTime(qint64 ms)
{
    return ms == 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString hms(double seconds)
{
    const qint64 s = static_cast<qint64>(seconds + 0.5);
    return u"%1:%2:%3"_s.arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar(u'0')).arg(s % 60, 2, 10, QChar(u'0'));
}

} // namespace

CdrTableModel::CdrTableModel(Store *store, qint64 projectId, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_projectId(projectId)
    , m_query(new CdrQuery(store, projectId, this))
    , m_locator(new StoreWorker(store, this))
{
    startCount();
}

CdrTableModel::~CdrTableModel()
{
    // The workers first, while the members their answers would touch still exist (their answers
    // are never delivered after they are gone).
    delete m_locator;
    delete m_query;
}

int CdrTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
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

void CdrTableModel::setPaging(int pageSize, int maxCachedPages)
{
    m_pageSize = std::max(1, pageSize);
    m_maxCachedPages = std::max(1, maxCachedPages);
    reset(false);
}

int CdrTableModel::pageSize() const
{
    return m_pageSize;
}

int CdrTableModel::maxCachedPages() const
{
    return m_maxCachedPages;
}

bool CdrTableModel::isCounting() const
{
    return m_counting;
}

qint64 CdrTableModel::totalCount() const
{
    return m_total;
}

QString CdrTableModel::errorString() const
{
    return m_error;
}

int CdrTableModel::cachedPageCount() const
{
    return static_cast<int>(m_pages.size());
}

bool CdrTableModel::isPageCached(int page) const
{
    return m_pages.contains(page);
}

std::optional<CdrStoredRow> CdrTableModel::storedRow(int row) const
{
    if (row < 0 || row >= m_rows)
        return std::nullopt;
    const auto it = m_pages.constFind(row / m_pageSize);
    const int offset = row % m_pageSize;
    if (it == m_pages.cend() || offset >= it->size())
        return std::nullopt;
    return it->at(offset);
}

void CdrTableModel::reset(bool recount)
{
    beginResetModel();
    ++m_generation;
    m_pages.clear();
    m_recent.clear();
    m_wanted.clear();
    m_queue.clear();
    m_failed.clear();
    m_pageStarts.clear();
    m_error.clear();
    if (recount) {
        m_rows = 0;
        m_total = -1;
    }
    endResetModel();
    if (recount)
        startCount();
}

void CdrTableModel::startCount()
{
    if (!m_counting) {
        m_counting = true;
        Q_EMIT countingChanged(true);
    }
    const quint64 generation = ++m_countGeneration;
    m_query->count(m_filter, [this, generation](const StoreResult<qint64> &counted) {
        if (generation != m_countGeneration)
            return; // a count for a filter no longer shown
        m_counting = false;
        if (!counted) {
            fail(-1, counted.error().message, counted.error().detail);
            Q_EMIT countingChanged(false);
            return;
        }
        m_total = counted.value();
        // A view cannot show more than INT_MAX rows; the count itself stays exact.
        const int rows = static_cast<int>(std::min<qint64>(m_total, std::numeric_limits<int>::max()));
        if (rows > 0) {
            beginInsertRows({}, 0, rows - 1);
            m_rows = rows;
            endInsertRows();
        }
        qCDebug(lcModels) << "counted" << m_total << "call records";
        Q_EMIT countingChanged(false);
    });
}

const QList<CdrStoredRow> *CdrTableModel::cachedPage(int page) const
{
    const auto it = m_pages.constFind(page);
    if (it == m_pages.cend())
        return nullptr;
    if (m_recent.constLast() != page) {
        m_recent.removeOne(page);
        m_recent.append(page);
    }
    return &*it;
}

void CdrTableModel::requestPage(int page) const
{
    if (m_wanted.contains(page) || m_failed.contains(page))
        return;
    m_wanted.insert(page);
    m_queue.append(page);
    if (m_loadScheduled)
        return;
    // Later, not inside data(): a view asks for every visible cell before it paints, and one
    // batch then reads each page once.
    m_loadScheduled = true;
    auto *self = const_cast<CdrTableModel *>(this);
    QMetaObject::invokeMethod(
        self, [self] { self->loadRequested(); }, Qt::QueuedConnection);
}

void CdrTableModel::loadRequested()
{
    m_loadScheduled = false;
    QList<int> queue;
    queue.swap(m_queue);
    // In order, so a page read teaches the start of the next one before it is looked at.
    std::sort(queue.begin(), queue.end());
    for (const int page : std::as_const(queue)) {
        if (!m_wanted.contains(page))
            continue; // dropped by a reset
        if (m_pages.contains(page))
            m_wanted.remove(page);
        else if (page == 0 || m_pageStarts.contains(page))
            loadPage(page);
        else
            locatePage(page);
    }
}

void CdrTableModel::loadPage(int page)
{
    std::optional<CdrPageKey> after;
    if (page > 0)
        after = m_pageStarts.value(page);
    const StoreResult<CdrPage> read = m_query->page(m_filter, m_sort, m_pageSize, after);
    m_wanted.remove(page);
    if (!read) {
        fail(page, read.error().message, read.error().detail);
        return;
    }
    if (read.value().next)
        m_pageStarts.insert(page + 1, *read.value().next);
    cachePage(page, read.value().rows);
}

void CdrTableModel::locatePage(int page)
{
    // Counted from the nearest page start known before it: a short walk when the view scrolls
    // past the pages it knows, the whole way only for a first jump.
    int from = 0;
    std::optional<CdrPageKey> fromKey;
    auto it = m_pageStarts.lowerBound(page);
    if (it != m_pageStarts.cbegin()) {
        --it;
        from = it.key();
        fromKey = it.value();
    }
    const qint64 offset = static_cast<qint64>(page - from) * m_pageSize - 1;
    const bool postgres = m_store->isPostgres();
    const qint64 projectId = m_projectId;
    const CdrFilter filter = m_filter;
    const CdrSort sort = m_sort;
    StoreWorker *worker = m_locator;
    const quint64 generation = m_generation;
    m_locator->run<KeyResult>(
        [postgres, projectId, filter, sort, fromKey, offset, worker](QSqlDatabase &db) -> KeyResult {
            if (!db.isOpen())
                return worker->openError();
            return keyAt(db, postgres, projectId, filter, sort, fromKey, offset);
        },
        [this, generation, page](const KeyResult &found) {
            if (generation != m_generation)
                return;
            if (!found) {
                m_wanted.remove(page);
                fail(page, found.error().message, found.error().detail);
            } else if (!found.value()) {
                // Fewer rows than counted (deleted since): the page is empty, not loading forever.
                m_wanted.remove(page);
                cachePage(page, {});
            } else {
                m_pageStarts.insert(page, *found.value());
                loadPage(page);
            }
        });
}

void CdrTableModel::cachePage(int page, const QList<CdrStoredRow> &rows)
{
    m_pages.insert(page, rows);
    m_recent.removeOne(page);
    m_recent.append(page);
    while (m_recent.size() > m_maxCachedPages)
        m_pages.remove(m_recent.takeFirst());
    const int first = page * m_pageSize;
    const int last = static_cast<int>(std::min<qint64>(static_cast<qint64>(first) + m_pageSize, m_rows)) - 1;
    if (first <= last)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void CdrTableModel::fail(int page, const QString &message, const QString &detail)
{
    if (page >= 0)
        m_failed.insert(page);
    m_error = message;
    qCWarning(lcModels) << message << detail;
    Q_EMIT errorOccurred(message);
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
    const int page = index.row() / m_pageSize;
    const QList<CdrStoredRow> *rows = cachedPage(page);
    if (!rows) {
        requestPage(page);
        return role == LoadingRole ? QVariant(!m_failed.contains(page)) : QVariant();
    }
    const int offset = index.row() % m_pageSize;
    if (offset >= rows->size()) // fewer rows than counted: deleted since the count
        return role == LoadingRole ? QVariant(false) : QVariant();
    const CdrStoredRow &stored = rows->at(offset);
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
