#include "CdrExportDialog.h"

#include "ErrorBanner.h"
#include "export/CdrExportJob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace confero {

using namespace Qt::StringLiterals;

CdrExportDialog::CdrExportDialog(Store *store, qint64 projectId, const CdrFilter &filter, QWidget *parent)
    : QDialog(parent)
    , m_filter(filter)
    , m_pageSize(CdrExporter::Options().pageSize)
    , m_job(new CdrExportJob(store, projectId, this))
    , m_format(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_choose(new QPushButton(tr("Choose…"), this))
    , m_escape(new QCheckBox(tr("Escape spreadsheet &formulas"), this))
    , m_progress(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_error(new ErrorBanner(this))
    , m_exportButton(new QPushButton(tr("&Export"), this))
    , m_cancelButton(new QPushButton(tr("Close"), this))
{
    setWindowTitle(tr("Export call records"));
    m_format->setObjectName(u"formatCombo"_s);
    m_path->setObjectName(u"pathEdit"_s);
    m_choose->setObjectName(u"chooseButton"_s);
    m_escape->setObjectName(u"escapeFormulasCheck"_s);
    m_progress->setObjectName(u"progressBar"_s);
    m_progressLabel->setObjectName(u"progressLabel"_s);
    m_error->setObjectName(u"errorBanner"_s);
    m_exportButton->setObjectName(u"exportButton"_s);
    m_cancelButton->setObjectName(u"cancelButton"_s);

    m_format->addItem(tr("CSV (spreadsheets; UTF-8, times in UTC)"), u"csv"_s);
    m_format->addItem(tr("JSON (an array of objects)"), u"json"_s);
    m_escape->setChecked(true);
    m_escape->setToolTip(tr("Cells starting with = + - @, a tab or a carriage return get a leading ' so that a "
                            "spreadsheet shows them as text instead of running them."));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_error->setVisible(false);
    m_exportButton->setDefault(true);

    QString period;
    if (filter.from.isValid() && filter.to.isValid())
        period = tr("Participant rows that joined from %1 to %2 (UTC days)")
                     .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate));
    else
        period = tr("Every participant row");
    if (!filter.roomId.isEmpty())
        period += tr(", room %1").arg(filter.roomId);
    auto *what = new QLabel(period + u'.', this);
    what->setWordWrap(true);

    const QString day = filter.from.isValid()
        ? u"_"_s + filter.from.toString(Qt::ISODate) + u"_"_s + filter.to.toString(Qt::ISODate)
        : QString();
    m_path->setText(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                        .filePath(u"call-records"_s + day + u".csv"_s));

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_choose);
    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&File:"), pathRow);
    form->addRow(QString(), m_escape);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_exportButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(m_format, &QComboBox::currentIndexChanged, this, [this] { formatChanged(); });
    connect(m_choose, &QPushButton::clicked, this, &CdrExportDialog::chooseFile);
    connect(m_exportButton, &QPushButton::clicked, this, &CdrExportDialog::startExport);
    connect(m_cancelButton, &QPushButton::clicked, this, &CdrExportDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_exportButton->setEnabled(!text.trimmed().isEmpty() && !isExporting()); });
    connect(m_job, &CdrExportJob::progressed, this, &CdrExportDialog::showProgress);
    connect(m_job, &CdrExportJob::succeeded, this, [this](qint64 rows, const QString &path) {
        setExporting(false);
        m_progress->setRange(0, 1);
        m_progress->setValue(1);
        m_progressLabel->setText(
            tr("Exported %Ln rows to %1.", nullptr, int(rows)).arg(QDir::toNativeSeparators(path)));
        Q_EMIT exportFinished(true);
    });
    connect(m_job, &CdrExportJob::failed, this, [this](const QString &message) {
        setExporting(false);
        m_progress->setValue(0);
        m_progressLabel->clear();
        m_error->showError(message, false);
        Q_EMIT exportFinished(false);
    });
    connect(m_job, &CdrExportJob::cancelled, this, [this] {
        setExporting(false);
        m_progress->setValue(0);
        m_progressLabel->setText(tr("Cancelled: no file was written."));
        Q_EMIT exportFinished(false);
    });
}

CdrExportDialog::~CdrExportDialog() = default;

bool CdrExportDialog::isExporting() const
{
    return m_job->isRunning();
}

void CdrExportDialog::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

bool CdrExportDialog::json() const
{
    return m_format->currentData().toString() == u"json";
}

void CdrExportDialog::formatChanged()
{
    // Formula escaping is a CSV matter: JSON carries the text as it is.
    m_escape->setEnabled(!json());
    const QString path = m_path->text();
    const QString wanted = json() ? u".json"_s : u".csv"_s;
    const QString other = json() ? u".csv"_s : u".json"_s;
    if (path.endsWith(other, Qt::CaseInsensitive))
        m_path->setText(path.left(path.size() - other.size()) + wanted);
}

void CdrExportDialog::chooseFile()
{
    const QString filter = json() ? tr("JSON files (*.json)") : tr("CSV files (*.csv)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export call records to"), m_path->text(), filter);
    if (path.isEmpty())
        return;
    const QString suffix = json() ? u".json"_s : u".csv"_s;
    if (QFileInfo(path).suffix().isEmpty())
        path += suffix;
    m_path->setText(path);
}

void CdrExportDialog::startExport()
{
    if (isExporting())
        return;
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_error->showError(tr("Choose a file to export to."), false);
        return;
    }
    m_error->clear();
    CdrExportJob::Request request;
    request.filter = m_filter;
    request.options.format = json() ? CdrExporter::Format::Json : CdrExporter::Format::Csv;
    request.options.escapeFormulas = m_escape->isChecked();
    request.options.pageSize = m_pageSize;
    request.path = QFileInfo(path).absoluteFilePath();
    if (!m_job->start(request))
        return;
    setExporting(true);
    m_progress->setRange(0, 0); // busy until the count is known
    m_progressLabel->setText(tr("Counting the rows…"));
}

void CdrExportDialog::reject()
{
    if (isExporting()) {
        m_job->cancel();
        m_cancelButton->setEnabled(false);
        m_progressLabel->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

void CdrExportDialog::setExporting(bool exporting)
{
    m_format->setEnabled(!exporting);
    m_path->setEnabled(!exporting);
    m_choose->setEnabled(!exporting);
    m_escape->setEnabled(!exporting && !json());
    m_exportButton->setEnabled(!exporting && !m_path->text().trimmed().isEmpty());
    m_cancelButton->setEnabled(true);
    m_cancelButton->setText(exporting ? tr("Cancel") : tr("Close"));
}

void CdrExportDialog::showProgress(qint64 done, qint64 total)
{
    // QProgressBar counts in int: a scale of at most a million steps fits any row count.
    const qint64 scale = std::max<qint64>(1, total / 1'000'000 + 1);
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(1, total / scale)));
    m_progress->setValue(static_cast<int>(std::min(done, total) / scale));
    const QLocale locale;
    m_progressLabel->setText(tr("%1 of %2 rows").arg(locale.toString(done), locale.toString(total)));
}

} // namespace confero
