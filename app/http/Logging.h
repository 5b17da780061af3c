#pragma once

#include <QLoggingCategory>

namespace confero::http {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

} // namespace confero::http
