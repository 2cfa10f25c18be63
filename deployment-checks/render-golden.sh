#!/usr/bin/env bash
# Regenerates the golden renderings that BuiltInKustomizeTests compares the built-in kustomize with:
# what `kubectl kustomize` renders of each overlay and of the test fixture. Use kubectl 1.32, the
# version .ci/run pins, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
golden=deployment-checks/src/test/resources/kustomize/rendered
kubectl kustomize k8s/overlays/dev >"$golden/dev.yaml"
kubectl kustomize k8s/overlays/prod >"$golden/prod.yaml"
kubectl kustomize deployment-checks/src/test/resources/kustomize/options >"$golden/options.yaml"
kubectl kustomize deployment-checks/src/test/resources/kustomize/overlay >"$golden/fixture.yaml"
kubectl version --client | head -n 1
