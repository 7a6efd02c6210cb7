#!/usr/bin/env python3
"""Nightly reconciliation: lists yesterday's settlement files in blob storage and reports the ones
the ledger has not acknowledged yet (an `.ack` marker next to each file).

Runs from the ops jump box and from CI with the sp-payments-storage service principal:
AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET must be set.
"""
import datetime
import os
import sys

from azure.identity import ClientSecretCredential
from azure.storage.blob import BlobServiceClient

ACCOUNT_URL = os.environ.get("STORAGE_ACCOUNT_URL", "https://stcontosopayments.blob.core.windows.net")
CONTAINER = "settlements"


def credential():
    return ClientSecretCredential(
        tenant_id=os.environ["AZURE_TENANT_ID"],
        client_id=os.environ["AZURE_CLIENT_ID"],
        client_secret=os.environ["AZURE_CLIENT_SECRET"],
    )


def unacknowledged(container, day):
    prefix = day.strftime("%Y/%m/%d/")
    names = {b.name for b in container.list_blobs(name_starts_with=prefix)}
    return sorted(n for n in names if not n.endswith(".ack") and n + ".ack" not in names)


def main(argv):
    day = datetime.date.today() - datetime.timedelta(days=1)
    if len(argv) > 1:
        day = datetime.date.fromisoformat(argv[1])
    service = BlobServiceClient(account_url=ACCOUNT_URL, credential=credential())
    missing = unacknowledged(service.get_container_client(CONTAINER), day)
    for name in missing:
        print(f"not acknowledged: {name}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
