#pragma once

#include "export/CdrExporter.h"
#include "store/CdrFilter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace confero {

class CdrExportJob;
class ErrorBanner;
class Store;

// Exports exactly the participant rows a filter selects to CSV or JSON (CdrExportJob: on a thread
// of its own, into "<file>.part", renamed when complete). Shows rows done of the total while it
// runs; Cancel stops it and leaves no file (and an existing one as it was); errors (a full disk, a
// folder that cannot be written) appear in the dialog.
// Children: "formatCombo", "pathEdit", "chooseButton", "escapeFormulasCheck", "progressBar",
// "progressLabel", "errorBanner", "exportButton", "cancelButton" (Cancel while running, else Close).
class CdrExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrExportDialog)

public:
    // `store` must outlive the dialog.
    CdrExportDialog(Store *store, qint64 projectId, const CdrFilter &filter, QWidget *parent = nullptr);
    ~CdrExportDialog() override;

    bool isExporting() const;
    // Rows per page read from the store (CdrExporter's 2,000 by default): smaller pages report
    // progress more often.
    void setPageSize(int rows);

public Q_SLOTS:
    void startExport();
    void chooseFile();
    // While exporting: cancels the export (the dialog stays to say so). Otherwise closes.
    void reject() override;

Q_SIGNALS:
    void exportFinished(bool ok);

private:
    bool json() const;
    void formatChanged();
    void setExporting(bool exporting);
    void showProgress(qint64 done, qint64 total);

    CdrFilter m_filter;
    int m_pageSize;
    CdrExportJob *m_job;
    QComboBox *m_format;
    QLineEdit *m_path;
    QPushButton *m_choose;
    QCheckBox *m_escape;
    QProgressBar *m_progress;
    QLabel *m_progressLabel;
    ErrorBanner *m_error;
    QPushButton *m_exportButton;
    QPushButton *m_cancelButton;
};

} // namespace confero
