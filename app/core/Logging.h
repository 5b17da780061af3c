#pragma once

#include <QLoggingCategory>

namespace confero {

// One category per concern of the core; enable with QT_LOGGING_RULES="confero.*=true".
// Nothing logged under these may contain an App Key or an Authorization header.
Q_DECLARE_LOGGING_CATEGORY(lcPlatform) // confero.platform
Q_DECLARE_LOGGING_CATEGORY(lcStore) // confero.store
Q_DECLARE_LOGGING_CATEGORY(lcConfig) // confero.config
Q_DECLARE_LOGGING_CATEGORY(lcModels) // confero.models
Q_DECLARE_LOGGING_CATEGORY(lcRelayLink) // confero.relaylink

} // namespace confero
