#include "WindowedTableModel.h"

#include "Logging.h"
#include "store/StoreWorker.h"

#include <algorithm>
#include <limits>

namespace confero {

WindowedTableModel::WindowedTableModel(Store *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_locator(new StoreWorker(store, this))
    , m_reader(new StoreWorker(store, this))
{
    // While the first count runs: the first page and the first jump find their connections open.
    m_locator->warmUp();
    m_reader->warmUp();
}

WindowedTableModel::~WindowedTableModel()
{
    // The worker first, while the members its answers would touch still exist (its answers are
    // never delivered after it is gone).
    delete m_reader;
    delete m_locator;
}

quint64 WindowedTableModel::generation() const
{
    return m_generation;
}

StoreWorker *WindowedTableModel::reader() const
{
    return m_reader;
}

int WindowedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

void WindowedTableModel::setPaging(int pageSize, int maxCachedPages)
{
    m_pageSize = std::max(1, pageSize);
    m_maxCachedPages = std::max(1, maxCachedPages);
    reset(false);
}

int WindowedTableModel::pageSize() const
{
    return m_pageSize;
}

int WindowedTableModel::maxCachedPages() const
{
    return m_maxCachedPages;
}

bool WindowedTableModel::isCounting() const
{
    return m_counting;
}

qint64 WindowedTableModel::totalCount() const
{
    return m_total;
}

QString WindowedTableModel::errorString() const
{
    return m_error;
}

int WindowedTableModel::cachedPageCount() const
{
    return static_cast<int>(m_recent.size());
}

bool WindowedTableModel::isPageCached(int page) const
{
    return m_recent.contains(page);
}

void WindowedTableModel::reset(bool recount)
{
    beginResetModel();
    ++m_generation;
    dropAllPages();
    m_recent.clear();
    m_wanted.clear();
    m_queue.clear();
    m_reading.clear();
    m_afterRead.clear();
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

void WindowedTableModel::startCount()
{
    if (!m_counting) {
        m_counting = true;
        Q_EMIT countingChanged(true);
    }
    const quint64 generation = ++m_countGeneration;
    countRows([this, generation](const StoreResult<qint64> &counted) {
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
        qCDebug(lcModels) << metaObject()->className() << "counted" << m_total << "rows";
        Q_EMIT countingChanged(false);
    });
}

bool WindowedTableModel::pageReady(int page) const
{
    const qsizetype at = m_recent.lastIndexOf(page);
    if (at < 0) {
        requestPage(page);
        return false;
    }
    if (at != m_recent.size() - 1)
        m_recent.move(at, m_recent.size() - 1);
    return true;
}

bool WindowedTableModel::rowLoading(int row) const
{
    const int page = row / m_pageSize;
    return !m_recent.contains(page) && !m_failed.contains(page);
}

void WindowedTableModel::requestPage(int page) const
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
    auto *self = const_cast<WindowedTableModel *>(this);
    QMetaObject::invokeMethod(
        self, [self] { self->loadRequested(); }, Qt::QueuedConnection);
}

void WindowedTableModel::loadRequested()
{
    m_loadScheduled = false;
    QList<int> queue;
    queue.swap(m_queue);
    // In order, so a page read teaches the start of the next one before it is looked at.
    std::sort(queue.begin(), queue.end());
    for (const int page : std::as_const(queue)) {
        if (!m_wanted.contains(page))
            continue; // dropped by a reset
        if (m_recent.contains(page))
            m_wanted.remove(page);
        else if (m_reading.contains(page) || m_afterRead.contains(page))
            continue; // already on its way
        else if (page == 0 || m_pageStarts.contains(page))
            loadPage(page);
        else if (m_reading.contains(page - 1) || m_afterRead.contains(page - 1))
            m_afterRead.insert(page); // the page before says where it starts, without a jump query
        else
            locatePage(page);
    }
}

void WindowedTableModel::loadPage(int page)
{
    std::optional<CdrPageKey> after;
    if (page > 0)
        after = m_pageStarts.value(page);
    m_reading.insert(page);
    readPage(page, after, m_pageSize);
}

void WindowedTableModel::pageRead(int page, const KeyResult &read)
{
    m_reading.remove(page);
    m_wanted.remove(page);
    const bool next = m_afterRead.remove(page + 1);
    if (!read) {
        fail(page, read.error().message, read.error().detail);
        if (next)
            locatePage(page + 1);
        return;
    }
    if (read.value())
        m_pageStarts.insert(page + 1, *read.value());
    pageArrived(page);
    if (!next)
        return;
    if (read.value()) {
        loadPage(page + 1);
    } else {
        // Fewer rows than counted (deleted since): the page is empty, not loading forever.
        m_wanted.remove(page + 1);
        keepEmptyPage(page + 1);
        pageArrived(page + 1);
    }
}

void WindowedTableModel::locatePage(int page)
{
    // Counted from the nearest page start known before it: a short walk when the view scrolls
    // past the pages it knows, the whole way only for a first jump.
    int from = 0;
    std::optional<CdrPageKey> fromKey;
    auto it = std::as_const(m_pageStarts).lowerBound(page);
    if (it != m_pageStarts.cbegin()) {
        --it;
        from = it.key();
        fromKey = it.value();
    }
    CdrRowSeek seek{fromKey, static_cast<qint64>(page - from) * m_pageSize - 1, false};
    // The row wanted is the last of the page before; from the end it is this many rows back.
    const qint64 fromEnd = m_total - static_cast<qint64>(page) * m_pageSize;
    if (m_total > 0 && fromEnd >= 0 && fromEnd < seek.offset)
        seek = CdrRowSeek{std::nullopt, fromEnd, true};
    const quint64 generation = m_generation;
    StoreWorker *worker = m_locator;
    m_locator->run<KeyResult>(
        [job = keyJob(seek), worker](QSqlDatabase &db) -> KeyResult {
            if (!db.isOpen())
                return worker->openError();
            return job(db);
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
                keepEmptyPage(page);
                pageArrived(page);
            } else {
                m_pageStarts.insert(page, *found.value());
                loadPage(page);
            }
        });
}

void WindowedTableModel::pageArrived(int page)
{
    m_recent.removeOne(page);
    m_recent.append(page);
    while (m_recent.size() > m_maxCachedPages)
        dropPage(m_recent.takeFirst());
    const int first = page * m_pageSize;
    const int last = static_cast<int>(std::min<qint64>(static_cast<qint64>(first) + m_pageSize, m_rows)) - 1;
    if (first <= last)
        Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
}

void WindowedTableModel::fail(int page, const QString &message, const QString &detail)
{
    if (page >= 0)
        m_failed.insert(page);
    m_error = message;
    qCWarning(lcModels) << message << detail;
    Q_EMIT errorOccurred(message);
}

} // namespace confero
