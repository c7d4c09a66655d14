// The state one validation carries from rule to rule: the configuration and
// clock it judges by, what has been decoded, parsed, decrypted and verified
// so far, and the report being written. Internal to core/sp.
#pragma once

#include "sp/replay_cache.h"
#include "sp/report.h"
#include "sp/sp_config.h"
#include "time/clock.h"
#include "xml/xml_document.h"

namespace jh::sp {

struct ValidationState
{
    ValidationState(const SpConfig& c, ReplayCache& r, const QDateTime& n)
        : config(c), replay(r), now(n)
    {}

    const SpConfig& config;
    ReplayCache& replay;
    QDateTime now;
    QString expectedInResponseTo; // empty: no AuthnRequest outstanding
    bool redirectBinding = false;
    ReplayLookup usedElsewhere; // set: a durable record of used assertions
    Report report;

    QByteArray xml;  // the decoded message
    xml::DocPtr doc; // as received
    xmlNode* response = nullptr;
    xmlNode* assertion = nullptr; // the one Assertion (in decryptedDoc when it was encrypted)
    xmlNode* encryptedAssertion = nullptr;
    xml::DocPtr decryptedDoc;
    xml::DocPtr decryptedNameIdDoc;  // holds a decrypted EncryptedID
    const xmlNode* nameId = nullptr; // the NameID read (plain, or from the EncryptedID)
    bool responseSignatureValid = false;
    bool assertionSignatureValid = false;
    bool assertionVerified = false; // covered by a valid signature the configuration accepts

    void pass(const char* id, const QString& found = {}, const xmlNode* at = nullptr);
    void fail(const char* id, const QString& expected, const QString& found,
              const xmlNode* at = nullptr, const QString& detail = {});
    void skip(const char* id, const QString& why);
    bool anyFailure() const;
};

QString nodePath(const xmlNode* node);

} // namespace jh::sp
