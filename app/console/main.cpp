#include "ConsoleApplication.h"
#include "config/DataDir.h"
#include "config/Translations.h"

#include <QApplication>

#include <cstdio>
#include <cstring>

namespace {

void setIdentity()
{
    confero::DataDir::setApplicationIdentity();
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFERO_VERSION));
}

// --help and --version must answer on a machine without a display, where QApplication aborts.
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"-h", "--help", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    confero::ConsoleApplication::Options options;
    QString error;
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication core(argc, argv);
        setIdentity();
        // Prints and exits when the arguments are well formed.
        confero::ConsoleApplication::parseArguments(QCoreApplication::arguments(), &options, &error);
        std::fprintf(stderr, "confero: %s\n", qPrintable(error));
        return 1;
    }

    QApplication app(argc, argv);
    setIdentity();
    confero::Translations::install(&app);
    QApplication::setApplicationDisplayName(QStringLiteral("Confero"));
    QApplication::setDesktopFileName(QStringLiteral("io.confero.Confero"));

    confero::ConsoleApplication console;
    if (!confero::ConsoleApplication::parseArguments(QApplication::arguments(), &options, &error)
        || !console.start(options, &error)) {
        std::fprintf(stderr, "confero: %s\n", qPrintable(error));
        return 1;
    }
    return QApplication::exec();
}
