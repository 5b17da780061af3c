#pragma once

class QCoreApplication;

namespace confero {

// Installs the compiled translations embedded under :/i18n for the user's locale, with Qt's own
// translations when Qt ships them. Programs without the resource (tests) simply keep English.
class Translations
{
public:
    static void install(QCoreApplication *application);
};

} // namespace confero
