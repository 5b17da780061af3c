#pragma once

#include <QLoggingCategory>

namespace confero::relay {

Q_DECLARE_LOGGING_CATEGORY(lcRelay)

} // namespace confero::relay
