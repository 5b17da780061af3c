#include "Logging.h"

namespace confero {

Q_LOGGING_CATEGORY(lcUi, "confero.ui")

} // namespace confero
