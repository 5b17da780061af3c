#include "CommandLine.h"

#include <QCoreApplication>

namespace confero::cli {

using namespace Qt::StringLiterals;

namespace {

class CommandLineText
{
    Q_DECLARE_TR_FUNCTIONS(confero::cli::CommandLine)
};

// Options that take no value; every other option takes one.
const QSet<QString> &flags()
{
    static const QSet<QString> names{u"json"_s,
                                     u"help"_s,
                                     u"version"_s,
                                     u"auto-recording"_s,
                                     u"no-auto-recording"_s,
                                     u"sip"_s,
                                     u"no-escape-formulas"_s};
    return names;
}

} // namespace

std::optional<CommandLine> CommandLine::parse(const QStringList &arguments, QString *error)
{
    CommandLine line;
    bool optionsEnded = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (optionsEnded || !argument.startsWith(u'-') || argument == u"-") {
            line.m_positionals.append(argument);
            continue;
        }
        if (argument == u"--") {
            optionsEnded = true;
            continue;
        }
        if (argument == u"-h") {
            line.m_help = true;
            continue;
        }
        if (!argument.startsWith(u"--")) {
            if (error)
                *error = CommandLineText::tr("Unknown option %1; see conferoctl --help.").arg(argument);
            return std::nullopt;
        }
        QString name = argument.mid(2);
        QString value;
        bool hasValue = false;
        const qsizetype equals = name.indexOf(u'=');
        if (equals >= 0) {
            value = name.mid(equals + 1);
            name = name.left(equals);
            hasValue = true;
        }
        if (flags().contains(name)) {
            if (hasValue) {
                if (error)
                    *error = CommandLineText::tr("Option --%1 takes no value.").arg(name);
                return std::nullopt;
            }
        } else if (!hasValue) {
            if (i + 1 >= arguments.size()) {
                if (error)
                    *error = CommandLineText::tr("Option --%1 needs a value.").arg(name);
                return std::nullopt;
            }
            value = arguments.at(++i);
        }
        if (name == u"json")
            line.m_json = true;
        else if (name == u"help")
            line.m_help = true;
        else if (name == u"version")
            line.m_version = true;
        else if (name == u"project")
            line.m_project = value;
        else if (name == u"data-dir")
            line.m_dataDir = value;
        else {
            line.m_options[name].append(value);
            line.m_order.append(name);
        }
    }
    return line;
}

QString CommandLine::group() const
{
    return m_positionals.value(0);
}

QString CommandLine::action() const
{
    return m_positionals.value(1);
}

QStringList CommandLine::arguments() const
{
    return m_positionals.mid(2);
}

bool CommandLine::has(const QString &option) const
{
    return m_options.contains(option);
}

QString CommandLine::value(const QString &option) const
{
    const QStringList all = m_options.value(option);
    return all.isEmpty() ? QString() : all.constLast();
}

QStringList CommandLine::values(const QString &option) const
{
    return m_options.value(option);
}

QString CommandLine::unknownOption(const QStringList &allowed) const
{
    for (const QString &name : m_order) {
        if (!allowed.contains(name))
            return name;
    }
    return {};
}

QString CommandLine::usage()
{
    return CommandLineText::tr(
        "Usage: conferoctl [--project NAME] [--data-dir DIR] [--json] <command>\n"
        "\n"
        "Commands:\n"
        "  rooms list\n"
        "  rooms show ID\n"
        "  rooms create --name N --owner-ref R [--mode group|lecture]\n"
        "               [--kind permanent|scheduled|adhoc] [--scheduled-time \"YYYY-MM-DD HH:MM\"]\n"
        "               [--duration MINUTES] [--moderators N] [--participants N]\n"
        "               [--quality HD|SD|LD] [--auto-recording] [--description TEXT]\n"
        "               [--max-active-talkers N] [--media-zone IN|SG|US|XX] [--sip]\n"
        "  rooms update ID [--name N] [--description TEXT] [--participants N] [--moderators N]\n"
        "               [--quality HD|SD|LD] [--auto-recording | --no-auto-recording]\n"
        "               [--scheduled-time \"YYYY-MM-DD HH:MM\"] [--duration MINUTES]\n"
        "  rooms delete ID [ID...]\n"
        "  tokens create --room ID --name N --role moderator|participant|viewer|audience\n"
        "               --user-ref U [--data KEY=VALUE]...\n"
        "  projects list\n"
        "  projects add NAME --url URL --app-id ID   (App Key from CONFERO_APP_KEY or stdin)\n"
        "  projects remove NAME\n"
        "  projects use NAME\n"
        "  cdr sync --from D --to D [--room ID] | cdr sync --conf N\n"
        "  cdr query [filters] [--sort COLUMN[:desc]] [--limit N]\n"
        "  cdr export --format csv|json [filters] [--sort COLUMN[:desc]] --output FILE\n"
        "             [--no-escape-formulas]\n"
        "     filters: --from D --to D --room ID --conf N --name TEXT --role R --min-duration SECONDS\n"
        "  recordings list --conf N | --room ID | --from D --to D\n"
        "  recordings fetch (--conf N | --room ID | --from D --to D)\n"
        "                   [--kinds recording,transcoded,chatdata,metadata] [--parallel N] [--library DIR]\n"
        "     (recording-file password from CONFERO_RECORDING_USER and CONFERO_RECORDING_PASSWORD)\n"
        "  relay add --url URL --token T   (the token confero-relay printed; or CONFERO_RELAY_TOKEN)\n"
        "  relay show | relay remove\n"
        "  watch   (streams the project's webhooks from its relay into the store until stopped)\n"
        "\n"
        "The project can also come from CONFERO_API_URL, CONFERO_APP_ID and CONFERO_APP_KEY.\n"
        "Times are UTC; days are YYYY-MM-DD. With --json one JSON document is printed. Exit status 0 on success,\n"
        "else non-zero with one line on stderr.\n");
}

} // namespace confero::cli
