#pragma once

#include <QByteArray>
#include <QDate>
#include <QStringList>

#include <memory>
#include <vector>

namespace confero::sandbox {
class CdrLog;
}

namespace confero::bench {

// The rows the bench works on, from the sandbox's own simulator and written by its own JSON writer,
// so Confero reads exactly what `confero-sandbox --simulate-days` serves:
// - the history: `rows` rows over the year 2025 (sessions of the simulator's distributions), cut
//   into one window per UTC day as `{"result":"0","cdr":[...]}`, the body of /cdr/period;
// - the busy day: `busyRows` more rows of sessions starting on 2026-01-01, with conf_nums after
//   the history's, for the "one busy day into a full store" case.
class CdrBenchData
{
public:
    static constexpr int Year = 2025;

    CdrBenchData(qint64 rows, qint64 busyRows, quint64 seed);
    ~CdrBenchData();
    CdrBenchData(const CdrBenchData &) = delete;
    CdrBenchData &operator=(const CdrBenchData &) = delete;

    qint64 rowCount() const;
    qint64 busyRowCount() const;

    qsizetype windowCount() const;
    // The JSON body of window `index`, and how many rows it holds.
    QByteArray windowJson(qsizetype index, qint64 *rows = nullptr) const;
    QByteArray busyDayJson() const;

    // The rooms the rows belong to (ids the browse cases can name).
    static QStringList roomIds();

private:
    struct Window
    {
        quint32 firstSession = 0;
        quint32 sessionCount = 0;
    };

    QByteArray json(const sandbox::CdrLog &log, quint32 firstSession, quint32 sessionCount, qint64 rowLimit,
                    qint64 *rows) const;

    std::shared_ptr<const sandbox::CdrLog> m_history;
    std::shared_ptr<sandbox::CdrLog> m_busy;
    qint64 m_rows = 0;
    qint64 m_busyRows = 0;
    std::vector<Window> m_windows;
};

} // namespace confero::bench
