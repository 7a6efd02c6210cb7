import os

from azure.identity.aio import (
    ClientSecretCredential,
)
from azure.storage.queue.aio import QueueClient


async def queue():
    credential = ClientSecretCredential(os.getenv("TENANT"), os.getenv("CLIENT"), os.getenv("SECRET"))
    return QueueClient("https://contosoq.queue.core.windows.net", "jobs", credential=credential)
