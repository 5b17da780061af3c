#include "Logging.h"

namespace confero::http {

Q_LOGGING_CATEGORY(lcHttp, "confero.http")

} // namespace confero::http
