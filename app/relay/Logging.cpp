#include "Logging.h"

namespace confero::relay {

Q_LOGGING_CATEGORY(lcRelay, "confero.relay")

} // namespace confero::relay
