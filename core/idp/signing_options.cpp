#include "idp/signing_options.h"

namespace jh::idp {

QString signModeName(SignMode m)
{
    switch (m) {
    case SignMode::None:
        return QStringLiteral("none");
    case SignMode::Assertion:
        return QStringLiteral("assertion");
    case SignMode::Response:
        return QStringLiteral("response");
    case SignMode::Both:
        return QStringLiteral("both");
    }
    return {};
}

std::optional<SignMode> signModeFromName(const QString& name)
{
    for (SignMode m : {SignMode::None, SignMode::Assertion, SignMode::Response, SignMode::Both})
        if (signModeName(m) == name)
            return m;
    return std::nullopt;
}

} // namespace jh::idp
