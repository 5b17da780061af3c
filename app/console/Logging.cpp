#include "Logging.h"

namespace confero {

Q_LOGGING_CATEGORY(lcConsole, "confero.console")

} // namespace confero
