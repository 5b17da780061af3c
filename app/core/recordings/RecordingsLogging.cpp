#include "RecordingsLogging.h"

namespace confero {

Q_LOGGING_CATEGORY(lcRecordings, "confero.recordings")

} // namespace confero
