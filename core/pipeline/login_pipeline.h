// The one pipeline, in process: person -> preset -> assertion spec -> signed
// Response -> HTTP-POST form encoding -> strict SP validation -> attribute
// mapping -> JIT -> outcome. The CLI's `login`, `sp verify --store`, the GUI
// and the simulation all go through here, so what one shows is what the
// others do. A message the SP refuses never reaches the store; with a store,
// an assertion once used is refused from any process.
#pragma once

#include "idp/issuer.h"
#include "jit/account_store.h"
#include "jit/jit_policy.h"
#include "jit/provisioner.h"
#include "sp/validator.h"

#include <QHash>
#include <optional>

namespace jh::pipeline {

struct LoginSteps
{
    std::optional<idp::Issued> issued; // unset for a Response from elsewhere
    QByteArray postBody;               // what the browser would POST to the ACS
    sp::Report report;
    std::optional<jit::MappedLogin> mapped; // only when the SP accepted
    std::optional<jit::Outcome> outcome;

    bool accepted() const { return report.accepted(); }
    bool provisioned() const { return outcome && outcome->provisioned(); }
};

class LoginPipeline
{
public:
    // The SP side; everything is borrowed and must outlive the pipeline.
    LoginPipeline(const idp::PresetCatalog& presets, const sp::SpConfig& sp,
                  jit::AccountStore& store, const jit::JitSettings& settings, const Clock& clock);

    // `issuer` issues for request.personId as request.presetId would, and the
    // person signs in. Errors: the issuer's (idp.*) and the store's (store.*).
    Result<LoginSteps> signIn(const idp::Issuer& issuer, const idp::IssueRequest& request);

    // A Response made elsewhere (base64, XML or a form body). `shape` is the
    // preset the IdP's claims look like (the mapping's defaults), or null.
    // `request` says what the SP expects (its usedElsewhere is the store's).
    Result<LoginSteps> receive(const QByteArray& message, sp::ValidationRequest request,
                               const idp::Preset* shape);

private:
    Result<LoginSteps> judge(LoginSteps steps, const QByteArray& message,
                             sp::ValidationRequest request, const idp::Preset* shape);

    const idp::PresetCatalog& m_presets;
    jit::AccountStore& m_store;
    const jit::JitSettings& m_settings;
    const Clock& m_clock;
    sp::Validator m_validator;
    jit::Provisioner m_provisioner;
    // The mapping depends only on the preset the claims are shaped like.
    QHash<const idp::Preset*, jit::AttributeMapping> m_mappings;
};

// The HTTP-POST binding's form body: SAMLResponse (base64, percent-encoded)
// and RelayState.
QByteArray postFormBody(const QByteArray& responseXml, const QByteArray& relayState = {});

} // namespace jh::pipeline
