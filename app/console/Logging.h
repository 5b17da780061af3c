#pragma once

#include <QLoggingCategory>

namespace confero {

// The console program's wiring: confero.console.
Q_DECLARE_LOGGING_CATEGORY(lcConsole)

} // namespace confero
