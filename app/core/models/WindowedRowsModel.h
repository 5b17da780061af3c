#pragma once

#include "WindowedTableModel.h"

#include "store/StoreWorker.h"

#include <QHash>
#include <QList>

#include <optional>

namespace confero {

// WindowedTableModel with the pages' rows kept as `Row` values: a subclass gives the job that reads
// a page (pageJob(), run on the reader worker) and answers data() from rowAt(), which says
// "placeholder" (nullptr) while the row's page is being read. (A template over the QObject base, so it declares no
// signals of its own.)
template<typename Row>
class WindowedRowsModel : public WindowedTableModel
{
public:
    // The row when its page is in memory, else nothing (and no load is scheduled).
    std::optional<Row> cachedRow(int row) const
    {
        if (row < 0 || row >= rowCount())
            return std::nullopt;
        const auto it = m_pages.constFind(row / pageSize());
        const int offset = row % pageSize();
        if (it == m_pages.cend() || offset >= it->size())
            return std::nullopt;
        return it->at(offset);
    }

protected:
    struct Page
    {
        QList<Row> rows;
        std::optional<CdrPageKey> next; // empty on the last page
    };

    using PageJob = std::function<StoreResult<Page>(QSqlDatabase &)>;

    using WindowedTableModel::WindowedTableModel;

    // A job reading `limit` rows after `after` (from the first row without it) in the current
    // filter and sort. It runs on the reader's thread and connection, so it must carry copies of
    // what it needs and not touch the model.
    virtual PageJob pageJob(const std::optional<CdrPageKey> &after, int limit) const = 0;

    // The row for data(): nullptr while its page is not in memory (the page is then scheduled), or
    // when the page holds fewer rows than counted (deleted since the count).
    const Row *rowAt(int row) const
    {
        const int page = row / pageSize();
        if (!pageReady(page))
            return nullptr;
        const QList<Row> &rows = *m_pages.constFind(page);
        const int offset = row % pageSize();
        return offset < rows.size() ? &rows.at(offset) : nullptr;
    }

private:
    void readPage(int page, const std::optional<CdrPageKey> &after, int limit) final
    {
        StoreWorker *worker = reader();
        worker->template run<StoreResult<Page>>(
            [job = pageJob(after, limit), worker](QSqlDatabase &db) -> StoreResult<Page> {
                if (!db.isOpen())
                    return worker->openError();
                return job(db);
            },
            [this, page, generation = generation()](const StoreResult<Page> &read) {
                if (generation != this->generation())
                    return; // read for a filter, sort or paging no longer shown
                if (!read) {
                    pageRead(page, read.error());
                    return;
                }
                m_pages.insert(page, read.value().rows);
                pageRead(page, read.value().next);
            });
    }
    void keepEmptyPage(int page) final { m_pages.insert(page, {}); }
    void dropPage(int page) final { m_pages.remove(page); }
    void dropAllPages() final { m_pages.clear(); }

    QHash<int, QList<Row>> m_pages;
};

} // namespace confero
