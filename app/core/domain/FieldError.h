#pragma once

#include <QString>

namespace confero {

// A problem with one field of something the user typed, found before anything is sent.
struct FieldError
{
    QString field; // request path, e.g. "settings.scheduled_time"
    QString message; // for a person, translated
};

} // namespace confero
