#include "Logging.h"

namespace confero {

Q_LOGGING_CATEGORY(lcPlatform, "confero.platform")
Q_LOGGING_CATEGORY(lcStore, "confero.store")
Q_LOGGING_CATEGORY(lcConfig, "confero.config")
Q_LOGGING_CATEGORY(lcModels, "confero.models")
Q_LOGGING_CATEGORY(lcRelayLink, "confero.relaylink")

} // namespace confero
