#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace confero::cli {

// conferoctl's arguments: global options anywhere, then `<group> <action> [arguments...]` and the
// action's options (`--name value`, `--name=value`, or a flag). QCommandLineParser has no notion of
// sub-commands, so this is a small parser of its own.
class CommandLine
{
public:
    static std::optional<CommandLine> parse(const QStringList &arguments, QString *error);

    QString group() const;
    QString action() const;
    QStringList arguments() const; // positionals after the action

    bool has(const QString &option) const;
    QString value(const QString &option) const; // the last one given
    QStringList values(const QString &option) const; // every one, in order

    // The first option the command does not take, else empty.
    QString unknownOption(const QStringList &allowed) const;

    bool json() const { return m_json; }
    bool help() const { return m_help; }
    bool version() const { return m_version; }
    QString project() const { return m_project; }
    QString dataDir() const { return m_dataDir; }

    static QString usage();

private:
    QStringList m_positionals;
    QStringList m_order;
    QHash<QString, QStringList> m_options;
    bool m_json = false;
    bool m_help = false;
    bool m_version = false;
    QString m_project;
    QString m_dataDir;
};

} // namespace confero::cli
