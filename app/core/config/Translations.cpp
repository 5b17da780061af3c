#include "config/Translations.h"

#include "Logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace confero {

void Translations::install(QCoreApplication *application)
{
    const QLocale locale;
    auto *qt = new QTranslator(application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    auto *ours = new QTranslator(application);
    if (ours->load(locale, QStringLiteral("confero"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(ours);
        qCDebug(lcConfig) << "translations loaded for" << locale.name();
    } else {
        delete ours;
    }
}

} // namespace confero
