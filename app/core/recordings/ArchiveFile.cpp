#include "ArchiveFile.h"

using namespace Qt::StringLiterals;

namespace confero {

QString ArchiveFile::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Recording:
        return u"recording"_s;
    case Kind::Transcoded:
        return u"transcoded"_s;
    case Kind::ChatData:
        return u"chatdata"_s;
    case Kind::Metadata:
        return u"metadata"_s;
    }
    return {};
}

} // namespace confero
