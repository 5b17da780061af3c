#pragma once

#include <QLoggingCategory>

namespace confero {

// The widgets library's category: confero.ui. Never logs a token or an App Key.
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace confero
