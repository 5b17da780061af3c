#include "CdrExportJob.h"

#include "Logging.h"
#include "PartFile.h"
#include "store/CdrQuery.h"
#include "store/Store.h"

#include <QThread>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

enum class Ending { Done, Failed, Cancelled };

struct Outcome
{
    Ending ending = Ending::Failed;
    qint64 rows = 0;
    QString message;
};

Outcome runExport(const QString &location, qint64 projectId, const CdrExportJob::Request &request,
                  const std::atomic<bool> &cancel, const std::function<void(qint64, qint64)> &progress)
{
    Store store;
    if (const StoreResult<bool> opened = store.open(location); !opened)
        return {Ending::Failed, 0, opened.error().message};
    const CdrQuery query(&store, projectId);
    const StoreResult<qint64> total = query.countNow(request.filter);
    if (!total)
        return {Ending::Failed, 0, total.error().message};
    progress(0, total.value());

    PartFile file(request.path);
    if (!file.create())
        return {Ending::Failed, 0, file.errorMessage()};
    const qint64 expected = total.value();
    const StoreResult<qint64> written = CdrExporter::write(
        query, request.filter, request.sort, &file, request.options,
        [&progress, expected](qint64 rows) { progress(rows, expected); }, &cancel);
    if (cancel.load()) {
        file.discard();
        return {Ending::Cancelled, 0, {}};
    }
    if (!written) {
        // A refused write is said by the file in the system's words; anything else came from the store.
        const QString message = file.errorMessage().isEmpty() ? written.error().message : file.errorMessage();
        file.discard();
        return {Ending::Failed, 0, message};
    }
    if (!file.commit())
        return {Ending::Failed, 0, file.errorMessage()};
    return {Ending::Done, written.value(), {}};
}

} // namespace

CdrExportJob::CdrExportJob(const Store *store, qint64 projectId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_projectId(projectId)
{
}

CdrExportJob::~CdrExportJob()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
    }
}

QString CdrExportJob::partPath(const QString &path)
{
    return PartFile::partPath(path);
}

bool CdrExportJob::isRunning() const
{
    return m_thread != nullptr;
}

void CdrExportJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

bool CdrExportJob::start(const Request &request)
{
    if (m_thread)
        return false;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const QString location = m_store->location();
    const qint64 projectId = m_projectId;
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;
    m_thread.reset(QThread::create([this, location, projectId, request, cancel] {
        const auto progress = [this](qint64 rows, qint64 total) {
            QMetaObject::invokeMethod(
                this, [this, rows, total] { Q_EMIT progressed(rows, total); }, Qt::QueuedConnection);
        };
        const Outcome outcome = runExport(location, projectId, request, *cancel, progress);
        if (outcome.ending == Ending::Failed)
            qCWarning(lcStore).noquote() << "export failed:" << outcome.message;
        const QString path = request.path;
        // Queued to this object: dropped if the job is destroyed first.
        QMetaObject::invokeMethod(
            this,
            [this, outcome, path] {
                finish();
                switch (outcome.ending) {
                case Ending::Done:
                    Q_EMIT succeeded(outcome.rows, path);
                    break;
                case Ending::Cancelled:
                    Q_EMIT cancelled();
                    break;
                case Ending::Failed:
                    Q_EMIT failed(outcome.message);
                    break;
                }
            },
            Qt::QueuedConnection);
    }));
    m_thread->setObjectName(u"cdr-export"_s);
    m_thread->start();
    return true;
}

void CdrExportJob::finish()
{
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
}

} // namespace confero
