#pragma once

#include <QLoggingCategory>

namespace confero {

// Archive listings and downloads. Nothing logged here carries a password or a file link's
// credentials.
Q_DECLARE_LOGGING_CATEGORY(lcRecordings) // confero.recordings

} // namespace confero
