namespace Confcom.Simulation.State;

/// <summary>
/// Creates a set of state files (a simulated root, a node identity) so that killing the process at any moment leaves
/// either nothing or something the next start finishes, never a half identity that every later start refuses (which
/// would crash-loop a DaemonSet forever). Everything is first written into a staging folder inside the directory
/// (<c>.staging</c>; inside rather than beside it because the directory is often a mount point, which cannot be
/// renamed, and the parent may be read-only). A <c>.built</c> marker written last says the set is complete. Only then
/// are the files moved into the directory one by one, the identity's marker file last, and the staging folder removed.
/// <list type="bullet">
/// <item>A staging folder without <c>.built</c> was never published: nothing of it was ever used, so it is discarded
/// and built again.</item>
/// <item>A staging folder with <c>.built</c> is finished: the files still in it are moved in (the same keys, never new
/// ones).</item>
/// <item>Publishing never replaces a file: a file that is already there must be the very one being published (a
/// crash between link and unlink), else it is an error naming it.</item>
/// </list>
/// The caller holds the directory's lock.
/// </summary>
internal static class StagedCreation
{
    public const string StagingFolderName = ".staging";
    private const string BuiltMarker = ".built";

    public static string StagingPath(StateDirectory directory) => directory.FileName(StagingFolderName);

    /// <summary>True when an interrupted creation left a complete set waiting to be published.</summary>
    public static bool IsBuilt(StateDirectory directory) => File.Exists(Path.Combine(StagingPath(directory), BuiltMarker));

    /// <summary>True when a creation was interrupted (built or not).</summary>
    public static bool IsPending(StateDirectory directory) => Directory.Exists(StagingPath(directory));

    /// <summary>A reader of the staged files (e.g. to check what an interrupted creation chose).</summary>
    public static StateDirectory Staging(StateDirectory directory) => new(StagingPath(directory));

    /// <summary>Removes an unbuilt staging folder (never published, so nothing of it was ever used), if there is one.</summary>
    public static void Discard(StateDirectory directory)
    {
        if (Directory.Exists(StagingPath(directory)) && !IsBuilt(directory))
        {
            Directory.Delete(StagingPath(directory), recursive: true);
        }
    }

    /// <summary>
    /// Builds (or finishes) the set and publishes it into <paramref name="directory"/> in <paramref name="publishOrder"/>
    /// (the identity's marker last). <paramref name="build"/> writes every file of <paramref name="publishOrder"/> into
    /// the staging folder it is given. Returns true when an interrupted creation was finished rather than a new one built.
    /// </summary>
    public static bool Run(StateDirectory directory, IReadOnlyList<string> publishOrder, Action<StateDirectory> build, Action<string>? discarded = null)
    {
        var staging = Staging(directory);
        var resumed = IsBuilt(directory);
        if (!resumed)
        {
            if (Directory.Exists(staging.Path))
            {
                // Killed while building: never published, never used; its keys may go.
                discarded?.Invoke(staging.Path);
                Directory.Delete(staging.Path, recursive: true);
                StateFaultInjection.Step("discarding an unfinished staging folder");
            }
            directory.EnsureCreated();
            staging.EnsureCreated();
            build(staging);
            foreach (var name in publishOrder)
            {
                if (!staging.Exists(name))
                {
                    throw new InvalidOperationException($"the creation of {directory.Path} did not write {name}");
                }
            }
            staging.WriteText(BuiltMarker, string.Join('\n', publishOrder) + "\n");
        }
        Publish(directory, staging, publishOrder);
        return resumed;
    }

    private static void Publish(StateDirectory directory, StateDirectory staging, IReadOnlyList<string> publishOrder)
    {
        foreach (var name in publishOrder)
        {
            var from = staging.FileName(name);
            var to = directory.FileName(name);
            var staged = File.Exists(from);
            var published = File.Exists(to);
            if (!staged)
            {
                if (published)
                {
                    continue;
                }
                throw new SimulationStateException(from,
                    $"is missing from the finished creation being published; nothing was moved in for it. Restore it, or remove {staging.Path} and every file of this set in {directory.Path} to start over");
            }
            if (published)
            {
                if (staging.ReadBytes(name).AsSpan().SequenceEqual(directory.ReadBytes(name)))
                {
                    // Moved in by a run that died between link and unlink.
                    File.Delete(from);
                    continue;
                }
                throw new SimulationStateException(to,
                    $"appeared while this identity was being created and is not the file being published; nothing was overwritten. Move it away and start again (the staged file is {from})");
            }
            // link(2) + unlink: never replaces what is at the target.
            File.Move(from, to, overwrite: false);
            StateFaultInjection.Step($"publishing {name}");
        }
        Directory.Delete(staging.Path, recursive: true);
        StateFaultInjection.Step("removing the staging folder");
    }
}
