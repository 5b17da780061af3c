#pragma once

#include "Command.h"

#include "store/CdrFilter.h"
#include "store/CdrSort.h"

#include <optional>

namespace confero {
class CdrSync;
}

namespace confero::cli {

// conferoctl cdr sync --from D --to D [--room ID] [--conf N]
// conferoctl cdr query [filters] [--sort COL[:desc]] [--limit N]
// conferoctl cdr export --format csv|json [filters] [--sort COL[:desc]] --output FILE [--no-escape-formulas]
// Filters: --from D --to D --room ID --conf N --name TEXT --role R --min-duration SECONDS.
class CdrCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrCommand)

public:
    using Command::Command;

    void start() override;

private:
    void sync();
    void query();
    void exportRows();

    // The filter options; nullopt after fail() with the reason.
    std::optional<CdrFilter> filter();
    std::optional<CdrSort> sort();
    // What the store holds for the filter: {"rows": N, "sessions": M}.
    void reportHeld(const CdrFilter &filter, qint64 projectId, const QString &syncedLine);

    CdrSync *m_sync = nullptr;
};

} // namespace confero::cli
