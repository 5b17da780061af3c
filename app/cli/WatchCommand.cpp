#include "WatchCommand.h"

#include "CliContext.h"
#include "CommandLine.h"
#include "relaylink/RelayConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>

#include <sys/socket.h>
#include <unistd.h>

namespace confero::cli {

using namespace Qt::StringLiterals;

namespace {

// The self-pipe trick: a signal handler may only write to a file descriptor; the event loop reads it.
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

WatchCommand::WatchCommand(CliContext *context, QObject *parent)
    : Command(context, parent)
{
}

WatchCommand::~WatchCommand() = default;

void WatchCommand::watchSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return; // then SIGINT ends the process the default way: the store's commits are atomic anyway
    m_signalNotifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(signalPipe[0], &byte, 1);
        m_connection->stop(); // commits what arrived, acks it
        succeed();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

void WatchCommand::start()
{
    const CommandLine &line = m_context->commandLine();
    const QString unknown = line.unknownOption({});
    if (!unknown.isEmpty() || !line.action().isEmpty()) {
        fail(tr("watch takes no arguments but the global ones."), UsageError);
        return;
    }
    QString error;
    const std::optional<qint64> projectId = m_context->cdrProjectId(&error);
    if (!projectId) {
        fail(error);
        return;
    }
    m_connection = std::make_unique<RelayConnection>(m_context->store(), m_context->secrets(), *projectId);
    const bool json = m_context->json();
    connect(m_connection.get(), &RelayConnection::eventsStored, this, [this, json](int added, qint64 cursor) {
        if (json)
            m_context->print(
                QString::fromUtf8(QJsonDocument(QJsonObject{{u"stored"_s, added}, {u"acked_seq"_s, cursor}})
                                      .toJson(QJsonDocument::Compact)
                                  + '\n'));
        else
            m_context->print(tr("stored %n new event(s), up to seq %1\n", nullptr, added).arg(cursor));
    });
    // Problems of a running link (a refused frame, a lost connection) are said and retried; one
    // that stops it (no token, an unreadable certificate) ends the command.
    connect(m_connection.get(), &RelayConnection::problem, this, [this](const QString &message) {
        if (m_connection->status() != RelayConnection::Status::Failed)
            m_context->printError(message);
    });
    connect(m_connection.get(), &RelayConnection::statusChanged, this, [this, json](RelayConnection::Status status) {
        if (status == RelayConnection::Status::Failed)
            fail(m_connection->lastProblem());
        else if (!json && status == RelayConnection::Status::Streaming)
            m_context->printError(tr("connected to the relay"));
    });
    m_connection->start();
    if (m_connection->status() == RelayConnection::Status::NotConfigured) {
        fail(tr("This project has no relay; add one with conferoctl relay add --url URL --token T."));
        return;
    }
    if (m_connection->status() != RelayConnection::Status::Failed)
        watchSignals();
}

} // namespace confero::cli
