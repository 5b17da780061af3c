#include "StoragePolicyDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// As disks are sold and as the quota is stored: 10^9 bytes.
constexpr qint64 BytesPerGb = 1000LL * 1000 * 1000;

QString kindLabel(ArchiveFile::Kind kind)
{
    switch (kind) {
    case ArchiveFile::Kind::Transcoded:
        return StoragePolicyDialog::tr("&Transcoded video (one playable file per session)");
    case ArchiveFile::Kind::Recording:
        return StoragePolicyDialog::tr("&Individual recordings (one file per participant's stream, large)");
    case ArchiveFile::Kind::ChatData:
        return StoragePolicyDialog::tr("&Chat transcripts");
    case ArchiveFile::Kind::Metadata:
        return StoragePolicyDialog::tr("Session &metadata (joins, leaves, events)");
    }
    return {};
}

} // namespace

StoragePolicyDialog::StoragePolicyDialog(const QString &projectName, const RecordingSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_quota(new QSpinBox(this))
    , m_keepDays(new QSpinBox(this))
    , m_usage(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(projectName.isEmpty() ? tr("Storage policy") : tr("Storage policy — %1").arg(projectName));
    m_quota->setObjectName(u"quotaSpin"_s);
    m_keepDays->setObjectName(u"keepDaysSpin"_s);
    m_usage->setObjectName(u"usageLabel"_s);
    m_warning->setObjectName(u"warningLabel"_s);
    m_buttons->setObjectName(u"buttonBox"_s);

    auto *automatic = new QGroupBox(tr("Download by themselves when the archive lists them"), this);
    auto *kinds = new QVBoxLayout(automatic);
    for (const ArchiveFile::Kind kind : {ArchiveFile::Kind::Transcoded, ArchiveFile::Kind::Recording,
                                         ArchiveFile::Kind::ChatData, ArchiveFile::Kind::Metadata}) {
        auto *box = new QCheckBox(kindLabel(kind), automatic);
        box->setObjectName(u"autoKind_"_s + ArchiveFile::kindName(kind));
        box->setChecked(settings.autoKinds.contains(kind));
        kinds->addWidget(box);
        m_kinds.insert(kind, box);
    }
    auto *note = new QLabel(tr("The archive is checked every 15 minutes while the project is open. Files you "
                               "cancelled or that the policy deleted are not fetched again by themselves."),
                            automatic);
    note->setWordWrap(true);
    note->setEnabled(false);
    kinds->addWidget(note);

    m_quota->setRange(0, 1'000'000);
    m_quota->setSuffix(tr(" GB"));
    m_quota->setSpecialValueText(tr("No limit"));
    m_quota->setValue(int((settings.quotaBytes + BytesPerGb - 1) / BytesPerGb));
    m_quota->setToolTip(tr("No download starts, or goes on, once the library would grow past this size"));
    m_keepDays->setRange(0, RecordingSettings::MaxKeepDays);
    m_keepDays->setSuffix(tr(" days"));
    m_keepDays->setSpecialValueText(tr("For ever"));
    m_keepDays->setValue(settings.keepDays);
    m_keepDays->setToolTip(tr("Local copies are deleted this many days after they were downloaded; the archive "
                              "keeps its own"));
    m_usage->setWordWrap(true);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(u"color: #a33;"_s);
    m_warning->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Quota:"), m_quota);
    form->addRow(tr("&Keep local copies:"), m_keepDays);
    form->addRow(QString(), m_usage);
    form->addRow(QString(), m_warning);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(automatic);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_quota, &QSpinBox::valueChanged, this, &StoragePolicyDialog::updateWarning);
    setUsage(0, -1);
}

void StoragePolicyDialog::setUsage(qint64 libraryBytes, qint64 freeBytes)
{
    m_libraryBytes = libraryBytes;
    const QLocale locale;
    QString text =
        tr("The library holds %1 now.").arg(locale.formattedDataSize(libraryBytes, 2, QLocale::DataSizeSIFormat));
    if (freeBytes >= 0)
        text +=
            u' ' + tr("Its disk has %1 free.").arg(locale.formattedDataSize(freeBytes, 2, QLocale::DataSizeSIFormat));
    m_usage->setText(text);
    updateWarning();
}

void StoragePolicyDialog::updateWarning()
{
    const qint64 quota = qint64(m_quota->value()) * BytesPerGb;
    const bool over = quota > 0 && m_libraryBytes > quota;
    m_warning->setVisible(over);
    if (over)
        m_warning->setText(tr("The library already holds more than this: no download starts until copies are "
                              "deleted or the quota is raised. Nothing is deleted to make room."));
}

RecordingSettings StoragePolicyDialog::settings() const
{
    RecordingSettings settings = m_settings;
    settings.autoKinds.clear();
    for (auto it = m_kinds.cbegin(); it != m_kinds.cend(); ++it) {
        if (it.value()->isChecked())
            settings.autoKinds.insert(it.key());
    }
    settings.quotaBytes = qint64(m_quota->value()) * BytesPerGb;
    settings.keepDays = m_keepDays->value();
    return settings;
}

} // namespace confero
