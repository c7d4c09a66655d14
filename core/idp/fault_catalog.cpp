#include "idp/fault_catalog.h"

#include "idp/faults/fault_groups.h"

namespace jh::idp {

const QList<Fault>& faultCatalog()
{
    static const QList<Fault> catalog = [] {
        QList<Fault> all;
        for (auto group : {faults::timeFaults, faults::bindingFaults, faults::subjectFaults,
                           faults::signatureFaults, faults::profileFaults, faults::wrappingFaults,
                           faults::structureFaults, faults::encryptionFaults})
            all << group();
        return all;
    }();
    return catalog;
}

const Fault* findFault(const QString& name)
{
    for (const Fault& f : faultCatalog())
        if (f.name == name)
            return &f;
    return nullptr;
}

QStringList faultNames()
{
    QStringList names;
    for (const Fault& f : faultCatalog())
        names << f.name;
    return names;
}

namespace {

Result<void> preconditions(const Fault& fault, const FaultInput& in)
{
    if (fault.needsRequest && in.spec.inResponseTo.isEmpty())
        return makeError("idp.fault-needs-request",
                         QStringLiteral("fault '%1' needs a message that answers an AuthnRequest "
                                        "(give it an InResponseTo, e.g. --in-response-to)")
                             .arg(fault.name));
    if (fault.needsEncryption && !in.encryptFor)
        return makeError("idp.fault-needs-encryption",
                         QStringLiteral("fault '%1' needs the SP's encryption certificate (SP "
                                        "metadata with a KeyDescriptor use=\"encryption\")")
                             .arg(fault.name));
    return {};
}

} // namespace

Result<QByteArray> buildFault(const Fault& fault, const FaultInput& input)
{
    if (auto ok = preconditions(fault, input); !ok)
        return ok.error();
    auto built = fault.build(input);
    if (!built)
        return built.error().prefixed(QStringLiteral("fault '%1'").arg(fault.name));
    return built;
}

Result<QByteArray> buildPassingTwin(const Fault& fault, const FaultInput& input)
{
    if (auto ok = preconditions(fault, input); !ok)
        return ok.error();
    SigningOptions signing = input.signing;
    if (fault.signMode)
        signing.mode = *fault.signMode;
    // The twin is accepted by a strict SP, so it is signed even when the
    // fault is that nothing is.
    if (signing.mode == SignMode::None)
        signing.mode = SignMode::Assertion;
    EncryptionOptions encryption = input.encryption;
    if (fault.encrypted)
        encryption.enabled = *fault.encrypted;
    auto twin = input.signer.render(input.spec, signing, encryption, input.encryptFor);
    if (!twin)
        return twin.error();
    return twin->xml;
}

} // namespace jh::idp
