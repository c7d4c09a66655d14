// The fault groups, one file per kind of defect; the catalogue
// (idp/fault_catalog.cpp) concatenates them in this order. Internal to
// core/idp.
#pragma once

#include "idp/fault.h"

#include <QList>

namespace jh::idp::faults {

QList<Fault> timeFaults();       // validity windows and the clock-skew edges
QList<Fault> bindingFaults();    // audience, recipient, destination, issuer, request, status
QList<Fault> subjectFaults();    // NameID, SubjectConfirmation, AuthnStatement, attributes
QList<Fault> signatureFaults();  // missing, tampered, wrong key, weak or wrong algorithm
QList<Fault> profileFaults();    // the SAML signature profile: references, transforms, decoys
QList<Fault> wrappingFaults();   // XSW1-XSW8
QList<Fault> structureFaults();  // what the document is: root, IDs, size, DTD
QList<Fault> encryptionFaults(); // EncryptedAssertion done wrong

using FaultBuilder = std::function<Result<QByteArray>(const FaultInput&)>;

// Collects one group's faults. add() returns the new entry so that the
// optional fields can be set on it right away (the reference is good until
// the next add).
class FaultList
{
public:
    explicit FaultList(QString kind) : m_kind(std::move(kind)) {}

    // `check`: the sp check id that must catch it; nullptr: an edge twin.
    Fault& add(const char* name, const char* check, const QString& summary, const QString& source,
               FaultBuilder build)
    {
        Fault f;
        f.name = QString::fromLatin1(name);
        f.kind = m_kind;
        f.summary = summary;
        f.expectedCheck = check ? QString::fromLatin1(check) : QString();
        f.source = source;
        f.build = std::move(build);
        m_faults << std::move(f);
        return m_faults.last();
    }
    QList<Fault> take() { return std::move(m_faults); }

private:
    QString m_kind;
    QList<Fault> m_faults;
};

} // namespace jh::idp::faults
