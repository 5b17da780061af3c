#include "CdrCommand.h"
#include "RecordingsCommand.h"
#include "CliContext.h"
#include "CommandLine.h"
#include "ProjectsCommand.h"
#include "RelayCommand.h"
#include "RoomsCommand.h"
#include "TokensCommand.h"
#include "WatchCommand.h"
#include "config/DataDir.h"
#include "config/Translations.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>

using namespace confero;
using namespace confero::cli;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    DataDir::setApplicationIdentity();
    Translations::install(&app);
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFERO_VERSION));
    // stderr is for the one error line; QT_LOGGING_RULES still overrides this for diagnosis.
    QLoggingCategory::setFilterRules(u"confero.*.debug=false\nconfero.*.info=false"_s);

    QString error;
    const std::optional<CommandLine> line = CommandLine::parse(QCoreApplication::arguments(), &error);
    if (!line) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return Command::UsageError;
    }
    if (line->version()) {
        std::printf("conferoctl %s\n", CONFERO_VERSION);
        return Command::Success;
    }
    if (line->help() || line->group().isEmpty()) {
        std::fputs(qPrintable(CommandLine::usage()), line->help() ? stdout : stderr);
        return line->help() ? Command::Success : Command::UsageError;
    }

    CliContext context(*line);
    Command *command = nullptr;
    if (line->group() == u"rooms")
        command = new RoomsCommand(&context, &context);
    else if (line->group() == u"tokens")
        command = new TokensCommand(&context, &context);
    else if (line->group() == u"projects")
        command = new ProjectsCommand(&context, &context);
    else if (line->group() == u"cdr")
        command = new CdrCommand(&context, &context);
    else if (line->group() == u"recordings")
        command = new RecordingsCommand(&context, &context);
    else if (line->group() == u"relay")
        command = new RelayCommand(&context, &context);
    else if (line->group() == u"watch")
        command = new WatchCommand(&context, &context);
    else {
        context.printError(QCoreApplication::translate("conferoctl", "Unknown command \"%1\"; see conferoctl --help.")
                               .arg(line->group()));
        return Command::UsageError;
    }
    int exitCode = Command::Failure;
    bool finished = false;
    QObject::connect(command, &Command::finished, &app, [exitCodeOut = &exitCode, finishedOut = &finished](int code) {
        *exitCodeOut = code;
        *finishedOut = true;
        QCoreApplication::exit(code);
    });
    QTimer::singleShot(0, command, &Command::start);
    QCoreApplication::exec();
    // Finished synchronously (before exec) counts too: exit() outside exec() is lost.
    return finished ? exitCode : Command::Failure;
}
