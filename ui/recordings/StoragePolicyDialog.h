#pragma once

#include "recordings/RecordingSettingsStore.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace confero {

// A project's storage policy for recordings: which kinds download by themselves once the archive
// lists them, the library's quota and how long local copies are kept. Shows what the library holds
// now and the free space of its volume, so the quota is chosen knowing both. Children:
// "autoKind_<kind name>" check boxes, "quotaSpin" (GB, 0 = none), "keepDaysSpin" (0 = for ever),
// "usageLabel", "buttonBox".
class StoragePolicyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoragePolicyDialog)

public:
    StoragePolicyDialog(const QString &projectName, const RecordingSettings &settings, QWidget *parent = nullptr);

    // The library's bytes now and the free bytes of its volume (-1: unknown).
    void setUsage(qint64 libraryBytes, qint64 freeBytes);
    // The settings given, with the policy's fields as edited.
    RecordingSettings settings() const;

private:
    void updateWarning();

    RecordingSettings m_settings;
    QHash<ArchiveFile::Kind, QCheckBox *> m_kinds;
    QSpinBox *m_quota;
    QSpinBox *m_keepDays;
    QLabel *m_usage;
    QLabel *m_warning;
    QDialogButtonBox *m_buttons;
    qint64 m_libraryBytes = 0;
};

} // namespace confero
