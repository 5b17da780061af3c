#include "EventsPage.h"

#include "ErrorBanner.h"
#include "RelayLinkDialog.h"
#include "models/EventListModel.h"
#include "relaylink/RelayConnection.h"

#include <QAction>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace confero {

EventsPage::EventsPage(Store *store, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_model(new EventListModel(store, this))
    , m_status(new QLabel(this))
    , m_webhook(new QLabel(this))
    , m_linkButton(new QPushButton(tr("Relay &link…"), this))
    , m_problem(new ErrorBanner(this))
    , m_table(new QTableView(this))
    , m_body(new QPlainTextEdit(this))
{
    m_status->setObjectName(u"relayStatusLabel"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_webhook->setObjectName(u"webhookUrlLabel"_s);
    m_webhook->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_webhook->setWordWrap(true);
    m_webhook->hide();
    m_linkButton->setObjectName(u"relayLinkButton"_s);
    m_linkButton->setToolTip(tr("Where this project's webhooks come from (Ctrl+Shift+L)"));
    m_linkButton->setShortcut(QKeySequence(u"Ctrl+Shift+L"_s));
    m_problem->setObjectName(u"eventsProblemBanner"_s);
    m_table->setObjectName(u"eventsTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(EventListModel::Received, 170);
    m_table->setColumnWidth(EventListModel::Type, 140);
    m_table->setColumnWidth(EventListModel::Seq, 80);
    m_body->setObjectName(u"eventBodyView"_s);
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setPlaceholderText(tr("Select an event to see its whole body."));

    auto *refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(refresh);
    connect(refresh, &QAction::triggered, this, &EventsPage::reload);

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_linkButton);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_body);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_webhook);
    layout->addWidget(m_problem);
    layout->addWidget(splitter, 1);

    connect(m_linkButton, &QPushButton::clicked, this, &EventsPage::editRelayLink);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventsPage::showSelectedBody);
    showStatus();
}

EventsPage::~EventsPage() = default;

EventListModel *EventsPage::model() const
{
    return m_model;
}

void EventsPage::setProject(qint64 projectId, const QString &projectName, RelayConnection *connection)
{
    if (m_connection)
        m_connection->disconnect(this);
    m_projectId = projectId;
    m_projectName = projectName;
    m_connection = connection;
    m_problem->clear();
    m_body->clear();
    setWebhookUrl({}, {});
    m_model->setProject(projectId);
    if (m_connection) {
        connect(m_connection, &RelayConnection::statusChanged, this, &EventsPage::showStatus);
        connect(m_connection, &RelayConnection::eventsStored, this, &EventsPage::reload);
        connect(m_connection, &RelayConnection::problem, this,
                [this](const QString &message) { m_problem->showError(message, false); });
    }
    m_linkButton->setEnabled(projectId != 0);
    reload();
    showStatus();
}

void EventsPage::setWebhookUrl(const QUrl &url, const QString &user)
{
    m_webhook->setVisible(!url.isEmpty());
    m_webhook->setText(url.isEmpty() ? QString()
                                     : tr("In the platform's portal, set the webhook URL to <b>%1</b> with HTTP "
                                          "authentication user <b>%2</b> and the password saved for it.")
                                           .arg(url.toString().toHtmlEscaped(), user.toHtmlEscaped()));
}

void EventsPage::showProblem(const QString &message)
{
    m_problem->showError(message, false);
}

void EventsPage::reload()
{
    const StoreResult<bool> loaded = m_model->reload();
    if (!loaded)
        m_problem->showError(loaded.error().message, false);
}

void EventsPage::editRelayLink()
{
    if (m_projectId == 0)
        return;
    auto *dialog = new RelayLinkDialog(m_store, m_secrets, m_projectId, m_projectName, this);
    dialog->setObjectName(u"relayLinkDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RelayLinkDialog::linkChanged, this, [this] {
        m_problem->clear();
        setWebhookUrl({}, {});
        Q_EMIT relayLinkChanged();
        showStatus();
    });
    dialog->open();
}

void EventsPage::showStatus()
{
    if (!m_connection) {
        m_status->setText(m_projectId ? tr("No relay link.") : tr("No project is open."));
        return;
    }
    if (m_connection->status() == RelayConnection::Status::NotConfigured) {
        m_status->setText(tr("No relay: this project receives no webhooks yet. Set where they come from with "
                             "\"Relay link…\"."));
        return;
    }
    m_status->setText(m_connection->statusText());
}

void EventsPage::showSelectedBody()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_body->clear();
        return;
    }
    const QString body = current.data(EventListModel::BodyRole).toString();
    // Pretty-printed when it is JSON (the relay only stores JSON objects); as it is otherwise.
    const QJsonDocument document = QJsonDocument::fromJson(body.toUtf8());
    m_body->setPlainText(document.isObject() ? QString::fromUtf8(document.toJson(QJsonDocument::Indented)) : body);
}

} // namespace confero
