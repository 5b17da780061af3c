#include "ProjectsCommand.h"

#include "CliContext.h"
#include "TableWriter.h"
#include "config/ProjectStore.h"
#include "config/SecretStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

#include <termios.h>
#include <unistd.h>

namespace confero::cli {

using namespace Qt::StringLiterals;

namespace {

QJsonObject toJson(const Project &project, bool current)
{
    return {{u"id"_s, project.id},
            {u"name"_s, project.name},
            {u"api_base_url"_s, project.apiBaseUrl.toString()},
            {u"app_id"_s, project.appId},
            {u"is_sandbox"_s, project.isSandbox},
            {u"current"_s, current}};
}

QString readAppKey()
{
    const QString fromEnvironment = qEnvironmentVariable("CONFERO_APP_KEY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment.trimmed();
    // At a terminal, ask without echoing the key; from a pipe, read its first line.
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::fputs(qPrintable(ProjectsCommand::tr("App Key: ")), stderr);
        std::fflush(stderr);
    }
    QTextStream in(stdin);
    QString key = in.readLine().trimmed();
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputs("\n", stderr);
    }
    return key;
}

} // namespace

void ProjectsCommand::start()
{
    const CommandLine &line = m_context->commandLine();
    const QString action = line.action();
    const QStringList allowed = action == u"add" ? QStringList{u"url"_s, u"app-id"_s} : QStringList{};
    if (action != u"list" && action != u"add" && action != u"remove" && action != u"use") {
        fail(tr("Unknown projects action \"%1\": use list, add, remove or use.").arg(action), UsageError);
        return;
    }
    const QString unknown = line.unknownOption(allowed);
    if (!unknown.isEmpty()) {
        fail(tr("projects %1 does not take --%2.").arg(action, unknown), UsageError);
        return;
    }
    const qsizetype wanted = action == u"list" ? 0 : 1;
    if (line.arguments().size() != wanted) {
        fail(wanted == 0 ? tr("projects list takes no arguments.")
                         : tr("projects %1 needs the project's NAME.").arg(action),
             UsageError);
        return;
    }
    QString error;
    if (!m_context->openStore(&error)) {
        fail(error);
        return;
    }
    if (action == u"list")
        list();
    else if (action == u"add")
        add(line.arguments().constFirst());
    else if (action == u"remove")
        remove(line.arguments().constFirst());
    else
        use(line.arguments().constFirst());
}

void ProjectsCommand::list()
{
    ProjectStore *projects = m_context->projects();
    const std::optional<Project> current = projects->current();
    const QList<Project> all = projects->projects();
    if (m_context->json()) {
        QJsonArray array;
        for (const Project &project : all)
            array.append(toJson(project, current && current->id == project.id));
        m_context->printJson(array);
    } else {
        TableWriter table({tr("CURRENT"), tr("NAME"), tr("APP ID"), tr("API URL")});
        for (const Project &project : all)
            table.addRow({current && current->id == project.id ? u"*"_s : QString(), project.name, project.appId,
                          project.apiBaseUrl.toString()});
        m_context->print(table.toString());
    }
    succeed();
}

void ProjectsCommand::add(const QString &name)
{
    const CommandLine &line = m_context->commandLine();
    Project project;
    project.name = name;
    project.apiBaseUrl = QUrl(line.value(u"url"_s));
    project.appId = line.value(u"app-id"_s);
    const QList<FieldError> errors = ProjectStore::validate(project);
    if (!errors.isEmpty()) {
        fail(errors.constFirst().message, UsageError);
        return;
    }
    const QString appKey = readAppKey();
    if (appKey.isEmpty()) {
        fail(tr("No App Key given: pipe it on stdin or set CONFERO_APP_KEY."), UsageError);
        return;
    }
    ProjectStore *projects = m_context->projects();
    const bool first = projects->projects().isEmpty();
    const StoreResult<Project> added = projects->add(project);
    if (!added) {
        fail(added.error().message);
        return;
    }
    const Project &saved = added.value();
    const SecretStore::Result written = m_context->secrets()->writeNow(SecretStore::appKeyName(saved.id), appKey);
    if (!written.ok) {
        // Without its key the project is useless: do not leave half of it behind.
        projects->remove(saved.id);
        fail(written.errorMessage);
        return;
    }
    if (first)
        projects->setCurrent(saved.id);
    if (m_context->json())
        m_context->printJson(toJson(saved, first));
    else
        m_context->print(tr("Added project \"%1\"%2.\n").arg(saved.name, first ? tr(" (current)") : QString()));
    succeed();
}

void ProjectsCommand::remove(const QString &name)
{
    ProjectStore *projects = m_context->projects();
    const std::optional<Project> project = projects->byName(name);
    if (!project) {
        fail(tr("There is no project named \"%1\".").arg(name));
        return;
    }
    const StoreResult<bool> removed = projects->remove(project->id);
    if (!removed) {
        fail(removed.error().message);
        return;
    }
    // The row is gone either way; a key the keychain cannot delete now is only an orphan.
    m_context->secrets()->removeNow(SecretStore::appKeyName(project->id));
    if (m_context->json())
        m_context->printJson(QJsonObject{{u"removed"_s, project->name}});
    else
        m_context->print(tr("Removed project \"%1\".\n").arg(project->name));
    succeed();
}

void ProjectsCommand::use(const QString &name)
{
    ProjectStore *projects = m_context->projects();
    const std::optional<Project> project = projects->byName(name);
    if (!project) {
        fail(tr("There is no project named \"%1\".").arg(name));
        return;
    }
    projects->setCurrent(project->id);
    if (m_context->json())
        m_context->printJson(toJson(*project, true));
    else
        m_context->print(tr("Now using project \"%1\".\n").arg(project->name));
    succeed();
}

} // namespace confero::cli
